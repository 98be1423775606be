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
    /// <param name="columnDefinition">
    /// A column's definition (quoted name, type, constraints); <c>isNew</c> is true for a column added
    /// to an existing table, which must accept nulls because the table may hold rows.
    /// </param>
    public static List<SchemaStatement> Plan(
        Schema schema,
        IReadOnlySet<string> tables,
        IReadOnlyDictionary<string, HashSet<string>> existingColumns,
        Func<string, string> qualifiedTable,
        Func<ColumnSchema, bool, string> columnDefinition)
    {
        var statements = new List<SchemaStatement>();
        foreach (var table in schema.Tables.Where(t => (t.SeenData && tables.Contains(t.Name)) || t.Name is Schema.VersionTable or Schema.LoadsTable))
        {
            var columns = table.Columns.Where(c => c.IsComplete).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            if (!existingColumns.TryGetValue(table.Name, out var present))
            {
                statements.Add(new(table.Name, $"CREATE TABLE {qualifiedTable(table.Name)} ({string.Join(", ", columns.Select(c => columnDefinition(c, false)))})"));
                continue;
            }

            statements.AddRange(columns
                .Where(c => !present.Contains(c.Name))
                .Select(c => new SchemaStatement(table.Name, $"ALTER TABLE {qualifiedTable(table.Name)} ADD COLUMN {columnDefinition(c, true)}")));
        }

        return statements;
    }

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

/// <summary>One DDL statement of a migration and the table it creates or alters.</summary>
internal sealed record SchemaStatement(string Table, string Sql);
