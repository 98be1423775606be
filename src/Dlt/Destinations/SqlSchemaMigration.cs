using Dlt.Schemas;

namespace Dlt.Destinations;

/// <summary>
/// The DDL that brings a SQL dataset up to a schema (dlt's SQL client rule, reference §1.5, §9.2): the
/// tables a package loads plus <c>_dlt_version</c> and <c>_dlt_loads</c> are created with their complete
/// columns (a table of an earlier, aborted package that the destination refused is not tried again); existing tables only gain the columns they lack (types are never altered). A destination
/// supplies how a table is named and how a column is declared.
/// </summary>
internal static class SqlSchemaMigration
{
    /// <param name="schema">The schema to reach.</param>
    /// <param name="tables">The tables the package loads (or empties).</param>
    /// <param name="existingColumns">Column names per table already in the dataset.</param>
    /// <param name="qualifiedTable">The quoted, qualified name of a table.</param>
    /// <param name="includeSystemTables">False for the staging dataset, which holds no dlt tables.</param>
    /// <param name="columnDefinition">
    /// A column's definition (quoted name, type, constraints); <c>isNew</c> is true for a column added
    /// to an existing table, which must accept nulls because the table may hold rows.
    /// </param>
    public static List<SchemaStatement> Plan(
        Schema schema,
        IReadOnlySet<string> tables,
        IReadOnlyDictionary<string, HashSet<string>> existingColumns,
        Func<string, string> qualifiedTable,
        Func<ColumnSchema, bool, string> columnDefinition,
        bool includeSystemTables = true)
    {
        var statements = new List<SchemaStatement>();
        foreach (var table in schema.Tables.Where(t => (t.SeenData && tables.Contains(t.Name)) || (includeSystemTables && t.Name is Schema.VersionTable or Schema.LoadsTable)))
        {
            var columns = table.Columns.Where(c => c.IsComplete).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            if (!existingColumns.TryGetValue(table.Name, out var present))
            {
                statements.Add(new(table.Name, $"CREATE TABLE {qualifiedTable(table.Name)} ({string.Join(", ", columns.Select(c => columnDefinition(c, false)))})", CreatesTable: true));
                continue;
            }

            statements.AddRange(columns
                .Where(c => !present.Contains(c.Name))
                .Select(c => new SchemaStatement(table.Name, $"ALTER TABLE {qualifiedTable(table.Name)} ADD COLUMN {columnDefinition(c, true)}")));
            if (!table.IsRoot && columns.FirstOrDefault(c => c.RootKey && !present.Contains(c.Name)) is { } rootKey && RootKeyBackfill(schema, table, rootKey.Name, existingColumns, qualifiedTable) is { } backfill)
            {
                statements.Add(new(table.Name, backfill));
            }
        }

        return statements;
    }

    /// <summary>
    /// Fills a root key column just added to a nested table that already holds rows (the table was
    /// appended or replaced before it was first merged) with the <c>_dlt_id</c> of each row's root
    /// row, found up the <c>_dlt_parent_id</c> chain: so a merge deletes the old nested rows of the
    /// roots it replaces. dlt leaves the column to the user (its NOT NULL violation asks for exactly
    /// this fix by hand); null when an ancestor table is not in the dataset.
    /// </summary>
    private static string? RootKeyBackfill(Schema schema, TableSchema table, string rootKey, IReadOnlyDictionary<string, HashSet<string>> existingColumns, Func<string, string> qualifiedTable)
    {
        // Ancestors between the table and the root: the parent first, the root's direct child last.
        var ancestors = new List<TableSchema>();
        for (var parent = schema.GetTable(table.Parent!); !parent.IsRoot; parent = schema.GetTable(parent.Parent!))
        {
            if (!existingColumns.ContainsKey(parent.Name))
            {
                return null;
            }

            ancestors.Add(parent);
        }

        var target = $"UPDATE {qualifiedTable(table.Name)} AS t SET {Q(rootKey)} = ";
        if (ancestors.Count == 0)
        {
            return $"{target}t.{Q(Schema.ParentIdColumn)} WHERE t.{Q(rootKey)} IS NULL";
        }

        var joins = new List<string> { $"t.{Q(Schema.ParentIdColumn)} = a0.{Q(Schema.IdColumn)}" };
        for (var i = 1; i < ancestors.Count; i++)
        {
            joins.Add($"a{i - 1}.{Q(Schema.ParentIdColumn)} = a{i}.{Q(Schema.IdColumn)}");
        }

        return $"{target}a{ancestors.Count - 1}.{Q(Schema.ParentIdColumn)} FROM {string.Join(", ", ancestors.Select((a, i) => $"{qualifiedTable(a.Name)} AS a{i}"))} WHERE {string.Join(" AND ", joins)} AND t.{Q(rootKey)} IS NULL";
    }

    private static string Q(string identifier) => SqlIdentifier.Quote(identifier);

    /// <summary>Reads a query of (table_name, column_name) rows into the columns present per table.</summary>
    public static async Task<Dictionary<string, HashSet<string>>> ReadExistingColumnsAsync(System.Data.Common.DbCommand command, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var columns))
            {
                columns = new HashSet<string>(StringComparer.Ordinal);
                result[table] = columns;
            }

            columns.Add(reader.GetString(1));
        }

        return result;
    }
}

/// <summary>One DDL statement of a migration and the table it creates (<paramref name="CreatesTable"/>) or alters.</summary>
internal sealed record SchemaStatement(string Table, string Sql, bool CreatesTable = false);
