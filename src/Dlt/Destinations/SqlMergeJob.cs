using Dlt.Schemas;

namespace Dlt.Destinations;

/// <summary>
/// The follow-up SQL of a merge table chain (dlt's <c>SqlMergeFollowupJob</c>), shared by DuckDB and
/// PostgreSQL: set-based statements over the staging tables, which a destination runs in one
/// transaction together with the chain's ledger record. Delete-insert: delete the destination rows
/// whose primary key or merge key matches a staging row (child rows through <c>_dlt_root_id</c>),
/// then insert the staging rows deduplicated by primary key, leaving out hard-deleted rows.
/// </summary>
internal static class SqlMergeJob
{
    private const string DedupRank = "_dlt_dedup_rn";

    /// <summary>The ledger job id of a chain's merge: dlt's follow-up job is named after the root table.</summary>
    public static string JobId(string rootTable) => rootTable + ".merge";

    /// <summary>Why the chain cannot be merged, or <see langword="null"/>; checked before anything is deleted.</summary>
    public static string? Refusal(TableSchema root)
    {
        if (root.MergeStrategy is { } strategy && strategy != MergeStrategy.DeleteInsert)
        {
            return $"Table '{root.Name}' uses merge strategy '{Extract.MergeStrategyNames.ToDltName(strategy)}', which dlt for .NET does not load yet; use 'delete-insert'.";
        }

        foreach (var column in root.Columns.Where(c => (c.PrimaryKey || c.MergeKey || c.HardDelete || c.DedupSort is not null) && !c.IsComplete))
        {
            var hint = column.PrimaryKey ? "primary key" : column.MergeKey ? "merge key" : column.HardDelete ? "hard_delete" : "dedup_sort";
            return $"The {hint} column '{column.Name}' of table '{root.Name}' never appeared in the data, so the merge cannot match rows by it. Fix the column name of the hint or the data.";
        }

        return null;
    }

    /// <summary>True when the root has neither a primary key nor a merge key: the merge appends the staged rows.</summary>
    public static bool HasNoKeys(TableSchema root) => !root.Columns.Any(c => c.IsComplete && (c.PrimaryKey || c.MergeKey));

    /// <param name="chain">The root table first, then its child tables that exist.</param>
    /// <param name="destination">Quoted, qualified name of a destination table.</param>
    /// <param name="staging">Quoted, qualified name of a staging table.</param>
    /// <param name="tempSuffix">Makes the names of the temporary tables unique.</param>
    public static List<string> DeleteInsert(IReadOnlyList<TableSchema> chain, Func<string, string> destination, Func<string, string> staging, string tempSuffix)
    {
        var root = chain[0];
        var children = chain.Skip(1).ToList();
        var primaryKey = KeyColumns(root, c => c.PrimaryKey);
        var mergeKey = KeyColumns(root, c => c.MergeKey);
        var hardDelete = root.Columns.FirstOrDefault(c => c.HardDelete && c.IsComplete);
        var notDeleted = hardDelete is null ? null
            : hardDelete.DataType == DataType.Bool ? $"{Q(hardDelete.Name)} IS DISTINCT FROM TRUE" : $"{Q(hardDelete.Name)} IS NULL";
        var statements = new List<string>();
        var deleteTemp = Q("_dlt_delete_" + tempSuffix);
        var insertTemp = Q("_dlt_insert_" + tempSuffix);
        var keySets = new[] { primaryKey, mergeKey }.Where(k => k.Count > 0).ToList();

        // Delete: one semi-join per key set (an OR across keys inside EXISTS would defeat hash joins).
        if (keySets.Count > 0 && children.Count == 0)
        {
            statements.AddRange(keySets.Select(keys => $"DELETE FROM {destination(root.Name)} AS d WHERE {Matches(keys, staging(root.Name))}"));
        }
        else if (keySets.Count > 0)
        {
            var rowKeys = string.Join(" UNION ", keySets.Select(keys => $"SELECT d.{Q(Schema.IdColumn)} FROM {destination(root.Name)} AS d WHERE {Matches(keys, staging(root.Name))}"));
            statements.Add($"CREATE TEMPORARY TABLE {deleteTemp} AS {rowKeys}");
            statements.AddRange(children.Select(child => $"DELETE FROM {destination(child.Name)} WHERE {Q(Schema.RootIdColumn)} IN (SELECT {Q(Schema.IdColumn)} FROM {deleteTemp})"));
            statements.Add($"DELETE FROM {destination(root.Name)} WHERE {Q(Schema.IdColumn)} IN (SELECT {Q(Schema.IdColumn)} FROM {deleteTemp})");
        }

        // Insert: staging rows deduplicated by primary key (the first by dedup_sort wins), hard-deleted rows left out.
        var rootColumns = Columns(root);
        var dedup = primaryKey.Count > 0 && !root.Deduplicated;
        string RootRows(string columns)
        {
            if (!dedup)
            {
                return $"SELECT {columns} FROM {staging(root.Name)}{(notDeleted is null ? "" : $" WHERE {notDeleted}")}";
            }

            var sort = root.Columns.FirstOrDefault(c => c.DedupSort is not null && c.IsComplete);
            var order = sort is null ? "(SELECT NULL)" : $"{Q(sort.Name)} {(sort.DedupSort == DedupSortOrder.Descending ? "DESC" : "ASC")}";
            return $"SELECT {columns} FROM (SELECT ROW_NUMBER() OVER (PARTITION BY {string.Join(", ", primaryKey.Select(Q))} ORDER BY {order}) AS {Q(DedupRank)}, * FROM {staging(root.Name)}) AS _dlt_dedup_numbered WHERE {Q(DedupRank)} = 1{(notDeleted is null ? "" : $" AND {notDeleted}")}";
        }

        var filtersChildren = children.Count > 0 && (dedup || notDeleted is not null);
        if (filtersChildren)
        {
            statements.Add($"CREATE TEMPORARY TABLE {insertTemp} AS {RootRows(Q(Schema.IdColumn))}");
        }

        statements.Add($"INSERT INTO {destination(root.Name)} ({rootColumns}) {RootRows(rootColumns)}");
        foreach (var child in children)
        {
            var columns = Columns(child);
            var condition = filtersChildren ? $" WHERE {Q(Schema.RootIdColumn)} IN (SELECT {Q(Schema.IdColumn)} FROM {insertTemp})" : "";
            statements.Add($"INSERT INTO {destination(child.Name)} ({columns}) SELECT {columns} FROM {staging(child.Name)}{condition}");
        }

        if (keySets.Count > 0 && children.Count > 0)
        {
            statements.Add($"DROP TABLE {deleteTemp}");
        }

        if (filtersChildren)
        {
            statements.Add($"DROP TABLE {insertTemp}");
        }

        return statements;
    }

    private static List<string> KeyColumns(TableSchema root, Func<ColumnSchema, bool> isKey) =>
        [.. root.Columns.Where(c => c.IsComplete && isKey(c)).Select(c => c.Name)];

    private static string Matches(IReadOnlyList<string> keys, string stagingTable) =>
        $"EXISTS (SELECT 1 FROM {stagingTable} AS s WHERE {string.Join(" AND ", keys.Select(k => $"d.{Q(k)} = s.{Q(k)}"))})";

    private static string Columns(TableSchema table) => string.Join(", ", table.Columns.Where(c => c.IsComplete).Select(c => Q(c.Name)));

    private static string Q(string identifier) => SqlIdentifier.Quote(identifier);
}
