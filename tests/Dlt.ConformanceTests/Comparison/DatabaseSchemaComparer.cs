using Dlt.ConformanceTests.Canonical;
using Dlt.ConformanceTests.Database;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>Checks that the dataset holds exactly the tables and columns of our stored schema, with matching types.</summary>
internal static class DatabaseSchemaComparer
{
    public static void Compare(
        IReadOnlyList<SchemaTable> ourDataTables,
        IReadOnlyList<string> expectedSystemTables,
        IDatabaseReader database,
        string dataset,
        Mismatches mismatches)
    {
        var inDatabase = database.ListTables(dataset).ToHashSet(StringComparer.Ordinal);
        foreach (var system in expectedSystemTables.Where(t => !inDatabase.Contains(t)))
        {
            mismatches.AddTable(system, $"system table missing in {database.EngineName} schema {dataset}");
        }

        var inSchema = ourDataTables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in inDatabase.Where(t => !DltColumns.IsSystemTable(t) && !inSchema.Contains(t)).Order(StringComparer.Ordinal))
        {
            mismatches.AddTable(extra, $"exists in {database.EngineName} schema {dataset} but not in our stored schema");
        }

        foreach (var table in ourDataTables)
        {
            if (!inDatabase.Contains(table.Name))
            {
                mismatches.AddTable(table.Name, $"in our stored schema but not in {database.EngineName} schema {dataset}");
                continue;
            }

            var columns = database.ReadColumns(dataset, table.Name);
            ColumnOrder.Compare(table.Name, table.ColumnNames.ToList(), columns.Select(c => c.Name).ToList(), database.EngineName, mismatches);
            var declared = table.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
            foreach (var column in columns)
            {
                if (declared.TryGetValue(column.Name, out var schemaColumn) && !database.Stores(column, schemaColumn.DataType))
                {
                    mismatches.AddColumn(table.Name, column.Name,
                        $"{database.EngineName} type {column.DataType} ({column.DltType ?? "no dlt type"}) does not store our schema's data_type {schemaColumn.DataType}");
                }
            }
        }
    }
}
