using Dlt.ConformanceTests.Canonical;
using Dlt.ConformanceTests.Corpus;
using Dlt.ConformanceTests.Database;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>
/// Compares a finished load with an expected file (README "How to compare"): tables and parents, columns
/// with types and hints (stored schema and database), row counts, and the canonicalized rows.
/// </summary>
internal static class CaseVerifier
{
    public static Mismatches Verify(string caseId, ExpectedRun expected, string schemaPath, string databasePath, string dataset)
    {
        using var database = new DuckDbTableReader(databasePath);
        return Verify(caseId, expected, schemaPath, database, dataset);
    }

    public static Mismatches Verify(string caseId, ExpectedRun expected, string schemaPath, IDatabaseReader database, string dataset)
    {
        var mismatches = new Mismatches(caseId);
        if (!File.Exists(schemaPath))
        {
            mismatches.Add($"our stored schema is missing at {schemaPath}");
            return mismatches;
        }

        var ourTables = StoredSchemaFile.ReadTables(schemaPath).Where(t => !DltColumns.IsSystemTable(t.Name)).ToList();
        SchemaComparer.Compare(expected.Tables, ourTables, mismatches);

        DatabaseSchemaComparer.Compare(ourTables, expected.SystemTables, database, dataset, mismatches);

        var inDatabase = database.ListTables(dataset).ToHashSet(StringComparer.Ordinal);
        var loaded = ourTables.Where(t => inDatabase.Contains(t.Name)).ToList();
        foreach (var (table, expectedCount) in expected.RowCounts)
        {
            if (!inDatabase.Contains(table))
            {
                continue;
            }

            var count = database.CountRows(dataset, table);
            if (count != expectedCount)
            {
                mismatches.AddTable(table, $"row count: expected {expectedCount}, actual {count}");
            }
        }

        var raw = loaded.Select(t => database.ReadTable(dataset, t.Name, t.Parent)).ToList();
        var actual = TableCanonicalizer.Canonicalize(raw, expected.PrimaryKey);
        RowComparer.Compare(expected.CanonicalTables, actual, mismatches);
        return mismatches;
    }
}
