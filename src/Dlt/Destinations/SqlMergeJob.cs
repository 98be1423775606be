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

    /// <summary>
    /// Which of a primary key's staged duplicates wins when <c>dedup_sort</c> does not decide (none given,
    /// or a tie): the smallest MD5 of <c>_dlt_id</c>. dlt orders by <c>(SELECT NULL)</c>, an arbitrary row;
    /// this order depends only on the staged rows, so a retried package, and the same package on DuckDB
    /// and PostgreSQL, keep the same row. MD5's lower-case hex sorts the same under every collation.
    /// </summary>
    internal static readonly string DedupTieBreak = $"md5({SqlIdentifier.Quote(Schema.IdColumn)})";

    /// <summary>The ledger job id of a chain's merge: dlt's follow-up job is named after the root table.</summary>
    public static string JobId(string rootTable) => rootTable + ".merge";

    /// <summary>Why the chain cannot be merged, or <see langword="null"/>; checked before anything is deleted.</summary>
    public static string? Refusal(TableSchema root)
    {
        if (root.MergeStrategy is MergeStrategy.Scd2 && (!root.Columns.Any(c => c.ValidFrom && c.IsComplete) || !root.Columns.Any(c => c.ValidTo && c.IsComplete) || !root.Columns.Any(c => c.RowVersion && c.IsComplete)))
        {
            return $"Table '{root.Name}' uses merge strategy 'scd2' but lacks its validity columns or its row version column (or the row version column never appeared in the data); declare the strategy with Resource.WithScd2.";
        }

        if (root.MergeStrategy is MergeStrategy.Upsert or MergeStrategy.InsertOnly && !root.Columns.Any(c => c.PrimaryKey))
        {
            return $"Table '{root.Name}' uses merge strategy '{MergeStrategyNames.ToDltName(root.MergeStrategy.Value)}', which needs a primary key: declare it with WithPrimaryKey.";
        }

        foreach (var column in root.Columns.Where(c => (c.PrimaryKey || c.MergeKey || c.HardDelete || c.DedupSort is not null) && !c.IsComplete))
        {
            var hint = column.PrimaryKey ? "primary key" : column.MergeKey ? "merge key" : column.HardDelete ? "hard_delete" : "dedup_sort";
            return $"The {hint} column '{column.Name}' of table '{root.Name}' never appeared in the data, so the merge cannot match rows by it. Fix the column name of the hint or the data.";
        }

        return null;
    }

    /// <summary>The statements of the chain's merge strategy; <paramref name="boundary"/> is the scd2 boundary when the table sets none (the load package's creation time).</summary>
    public static List<string> Statements(IReadOnlyList<TableSchema> chain, Func<string, string> destination, Func<string, string> staging, string tempSuffix, DateTimeOffset boundary) => chain[0].MergeStrategy switch
    {
        MergeStrategy.Upsert => Upsert(chain, destination, staging),
        MergeStrategy.Scd2 => Scd2(chain, destination, staging, chain[0].BoundaryTimestamp ?? boundary),
        MergeStrategy.InsertOnly => InsertOnly(chain, destination, staging, tempSuffix),
        _ => DeleteInsert(chain, destination, staging, tempSuffix),
    };

    /// <summary>
    /// Upsert (dlt's <c>gen_upsert_sql</c>): the root by primary key with one <c>MERGE</c> (hard-deleted
    /// rows delete, matched rows update every column, new rows insert); each child table drops the
    /// rows of staged roots that are no longer in its staging table, merges by <c>_dlt_id</c>, and
    /// drops the children of hard-deleted roots.
    /// </summary>
    public static List<string> Upsert(IReadOnlyList<TableSchema> chain, Func<string, string> destination, Func<string, string> staging)
    {
        var root = chain[0];
        var primaryKey = KeyColumns(root, c => c.PrimaryKey);
        var deleted = DeletedCondition(root, "s.");
        var statements = new List<string>
        {
            MergeStatement(root, destination(root.Name), staging(root.Name), string.Join(" AND ", primaryKey.Select(k => $"d.{Q(k)} = s.{Q(k)}")), deleted),
        };
        foreach (var child in chain.Skip(1))
        {
            statements.Add($"DELETE FROM {destination(child.Name)} WHERE {Q(Schema.RootIdColumn)} IN (SELECT {Q(Schema.IdColumn)} FROM {staging(root.Name)}) AND {Q(Schema.IdColumn)} NOT IN (SELECT {Q(Schema.IdColumn)} FROM {staging(child.Name)})");
            statements.Add(MergeStatement(child, destination(child.Name), staging(child.Name), $"d.{Q(Schema.IdColumn)} = s.{Q(Schema.IdColumn)}", deleted: null));
            if (deleted is not null)
            {
                statements.Add($"DELETE FROM {destination(child.Name)} WHERE {Q(Schema.RootIdColumn)} IN (SELECT s.{Q(Schema.IdColumn)} FROM {staging(root.Name)} AS s WHERE {deleted})");
            }
        }

        return statements;
    }

    /// <summary>
    /// Insert-only: the staged roots whose primary key is not in the table yet (hard-deleted rows left
    /// out) are inserted with their child rows; nothing is updated or deleted. An anti-join into a
    /// temporary table of root row keys, so children follow exactly the roots that were inserted.
    /// </summary>
    public static List<string> InsertOnly(IReadOnlyList<TableSchema> chain, Func<string, string> destination, Func<string, string> staging, string tempSuffix)
    {
        var root = chain[0];
        var primaryKey = KeyColumns(root, c => c.PrimaryKey);
        var kept = root.Columns.FirstOrDefault(c => c.HardDelete && c.IsComplete) is not { } hardDelete ? null
            : hardDelete.DataType == DataType.Bool ? $"s.{Q(hardDelete.Name)} IS DISTINCT FROM TRUE" : $"s.{Q(hardDelete.Name)} IS NULL";
        var insertTemp = Q("_dlt_insert_" + tempSuffix);
        var statements = new List<string>
        {
            $"CREATE TEMPORARY TABLE {insertTemp} AS SELECT s.{Q(Schema.IdColumn)} FROM {staging(root.Name)} AS s WHERE NOT {Matches(primaryKey, destination(root.Name), "d", "s")}{(kept is null ? "" : $" AND {kept}")}",
        };
        foreach (var table in chain)
        {
            var columns = Columns(table);
            var key = table == root ? Schema.IdColumn : Schema.RootIdColumn;
            statements.Add($"INSERT INTO {destination(table.Name)} ({columns}) SELECT {columns} FROM {staging(table.Name)} WHERE {Q(key)} IN (SELECT {Q(Schema.IdColumn)} FROM {insertTemp})");
        }

        statements.Add($"DROP TABLE {insertTemp}");
        return statements;
    }

    /// <summary>
    /// scd2 (dlt's <c>gen_scd2_sql</c>): active versions whose row version is not staged retire at
    /// the boundary (with a merge key, only those of merge keys present in the load); staged versions
    /// not active yet are inserted valid from the boundary; child rows not in the table yet are
    /// inserted. Anti- and semi-joins, no per-row statements.
    /// </summary>
    public static List<string> Scd2(IReadOnlyList<TableSchema> chain, Func<string, string> destination, Func<string, string> staging, DateTimeOffset boundary)
    {
        var root = chain[0];
        var from = root.Columns.First(c => c.ValidFrom);
        var to = root.Columns.First(c => c.ValidTo);
        var version = Q(root.Columns.First(c => c.RowVersion).Name);
        var boundaryLiteral = TimestampLiteral(boundary);
        var activeLiteral = to.ActiveRecordTimestamp is { } active ? TimestampLiteral(active) : "NULL";
        string IsActive(string alias) => to.ActiveRecordTimestamp is null ? $"{alias}{Q(to.Name)} IS NULL" : $"{alias}{Q(to.Name)} = {activeLiteral}";
        var mergeKey = KeyColumns(root, c => c.MergeKey);
        var retire = $"UPDATE {destination(root.Name)} AS d SET {Q(to.Name)} = {boundaryLiteral} WHERE {IsActive("d.")} AND NOT EXISTS (SELECT 1 FROM {staging(root.Name)} AS s WHERE s.{version} = d.{version})";
        if (mergeKey.Count > 0)
        {
            retire += $" AND {Matches(mergeKey, staging(root.Name))}";
        }

        var columns = root.Columns.Where(c => c.IsComplete && !c.ValidFrom && !c.ValidTo).Select(c => Q(c.Name)).ToList();
        var statements = new List<string>
        {
            retire,
            $"INSERT INTO {destination(root.Name)} ({string.Join(", ", columns)}, {Q(from.Name)}, {Q(to.Name)}) SELECT {string.Join(", ", columns.Select(c => "s." + c))}, {boundaryLiteral}, {activeLiteral} FROM {staging(root.Name)} AS s WHERE NOT EXISTS (SELECT 1 FROM {destination(root.Name)} AS d WHERE d.{version} = s.{version} AND {IsActive("d.")})",
        };
        foreach (var child in chain.Skip(1))
        {
            var childColumns = Columns(child);
            statements.Add($"INSERT INTO {destination(child.Name)} ({childColumns}) SELECT {childColumns} FROM {staging(child.Name)} AS s WHERE NOT EXISTS (SELECT 1 FROM {destination(child.Name)} AS d WHERE d.{Q(Schema.IdColumn)} = s.{Q(Schema.IdColumn)})");
        }

        return statements;
    }

    /// <summary>A timestamp with time zone literal at microsecond precision, which DuckDB and PostgreSQL both read.</summary>
    private static string TimestampLiteral(DateTimeOffset value) =>
        $"CAST({SqlIdentifier.Literal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00")} AS TIMESTAMP WITH TIME ZONE)";

    private static string MergeStatement(TableSchema table, string destinationTable, string stagingTable, string on, string? deleted)
    {
        var columns = table.Columns.Where(c => c.IsComplete).Select(c => Q(c.Name)).ToList();
        return $"MERGE INTO {destinationTable} AS d USING {stagingTable} AS s ON {on}" +
            (deleted is null ? "" : $" WHEN MATCHED AND {deleted} THEN DELETE") +
            $" WHEN MATCHED THEN UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = s.{c}"))}" +
            $" WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))})";
    }

    /// <summary>dlt's hard-delete condition on the staged row: a bool column deletes when true, another type when not null.</summary>
    private static string? DeletedCondition(TableSchema root, string alias) =>
        root.Columns.FirstOrDefault(c => c.HardDelete && c.IsComplete) is not { } column ? null
            : column.DataType == DataType.Bool ? $"{alias}{Q(column.Name)} = TRUE" : $"{alias}{Q(column.Name)} IS NOT NULL";

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
            : hardDelete.DataType == DataType.Bool ? $"s.{Q(hardDelete.Name)} IS DISTINCT FROM TRUE" : $"s.{Q(hardDelete.Name)} IS NULL";
        var statements = new List<string>();
        var deleteTemp = Q("_dlt_delete_" + tempSuffix);
        var duplicateTemp = Q("_dlt_duplicate_" + tempSuffix);
        var skipTemp = Q("_dlt_skip_" + tempSuffix);
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

        // Insert: the staged rows but those to skip: the duplicates of a primary key that lose (the first by dedup_sort, then by
        // DedupTieBreak, wins; only the keys staged more than once are ranked, so no window runs over the whole staging table)
        // and, for the children, hard-deleted roots. Skipped rows go into a temporary table that is usually empty.
        var dedup = primaryKey.Count > 0 && !root.Deduplicated;
        var skipped = new List<string>();
        if (dedup)
        {
            var keys = string.Join(", ", primaryKey.Select(Q));
            var sort = root.Columns.FirstOrDefault(c => c.DedupSort is not null && c.IsComplete);
            var order = sort is null ? DedupTieBreak : $"{Q(sort.Name)} {(sort.DedupSort == DedupSortOrder.Descending ? "DESC" : "ASC")}, {DedupTieBreak}";
            statements.Add($"CREATE TEMPORARY TABLE {duplicateTemp} AS SELECT {keys} FROM {staging(root.Name)} GROUP BY {keys} HAVING count(*) > 1");
            skipped.Add($"SELECT {Q(Schema.IdColumn)} FROM (SELECT ROW_NUMBER() OVER (PARTITION BY {keys} ORDER BY {order}) AS {Q(DedupRank)}, {Q(Schema.IdColumn)} FROM {staging(root.Name)} AS s WHERE {Matches(primaryKey, duplicateTemp, "k", "s")}) AS _dlt_dedup_numbered WHERE {Q(DedupRank)} > 1");
        }

        if (children.Count > 0 && DeletedCondition(root, "") is { } deleted)
        {
            skipped.Add($"SELECT {Q(Schema.IdColumn)} FROM {staging(root.Name)} WHERE {deleted}");
        }

        if (skipped.Count > 0)
        {
            statements.Add($"CREATE TEMPORARY TABLE {skipTemp} AS {string.Join(" UNION ALL ", skipped)}");
        }

        string Where(params string?[] conditions) =>
            conditions.Where(c => c is not null).ToList() is { Count: > 0 } present ? " WHERE " + string.Join(" AND ", present) : "";
        string? NotSkipped(string column) =>
            skipped.Count == 0 ? null : $"NOT EXISTS (SELECT 1 FROM {skipTemp} AS k WHERE k.{Q(Schema.IdColumn)} = s.{Q(column)})";

        var rootColumns = Columns(root);
        statements.Add($"INSERT INTO {destination(root.Name)} ({rootColumns}) SELECT {rootColumns} FROM {staging(root.Name)} AS s{Where(notDeleted, NotSkipped(Schema.IdColumn))}");
        foreach (var child in children)
        {
            var columns = Columns(child);
            statements.Add($"INSERT INTO {destination(child.Name)} ({columns}) SELECT {columns} FROM {staging(child.Name)} AS s{Where(NotSkipped(Schema.RootIdColumn))}");
        }

        if (keySets.Count > 0 && children.Count > 0)
        {
            statements.Add($"DROP TABLE {deleteTemp}");
        }

        if (dedup)
        {
            statements.Add($"DROP TABLE {duplicateTemp}");
        }

        if (skipped.Count > 0)
        {
            statements.Add($"DROP TABLE {skipTemp}");
        }

        return statements;
    }

    private static List<string> KeyColumns(TableSchema root, Func<ColumnSchema, bool> isKey) =>
        [.. root.Columns.Where(c => c.IsComplete && isKey(c)).Select(c => c.Name)];

    private static string Matches(IReadOnlyList<string> keys, string stagingTable) =>
        $"EXISTS (SELECT 1 FROM {stagingTable} AS s WHERE {string.Join(" AND ", keys.Select(k => $"d.{Q(k)} = s.{Q(k)}"))})";

    /// <summary>A semi-join from <paramref name="outer"/> rows to <paramref name="table"/> (as <paramref name="inner"/>) on equal keys.</summary>
    private static string Matches(IReadOnlyList<string> keys, string table, string inner, string outer) =>
        $"EXISTS (SELECT 1 FROM {table} AS {inner} WHERE {string.Join(" AND ", keys.Select(k => $"{inner}.{Q(k)} = {outer}.{Q(k)}"))})";

    private static string Columns(TableSchema table) => string.Join(", ", table.Columns.Where(c => c.IsComplete).Select(c => Q(c.Name)));

    private static string Q(string identifier) => SqlIdentifier.Quote(identifier);
}
