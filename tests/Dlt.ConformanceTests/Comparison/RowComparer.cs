using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>Compares canonical <c>tables</c> row by row and column by column (columns both sides have).</summary>
internal static class RowComparer
{
    private const int MaxCellsPerTable = 20;

    public static void Compare(JsonObject expected, JsonObject actual, Mismatches mismatches)
    {
        foreach (var (table, expectedRows) in expected)
        {
            if (actual[table] is not JsonArray actualRows)
            {
                // Reported by the schema and row count checks.
                continue;
            }

            CompareTable(table, expectedRows!.AsArray(), actualRows, mismatches);
        }
    }

    private static void CompareTable(string table, JsonArray expectedRows, JsonArray actualRows, Mismatches mismatches)
    {
        if (expectedRows.Count != actualRows.Count)
        {
            mismatches.AddTable(table,
                $"{expectedRows.Count} rows expected, {actualRows.Count} read; rows are compared in canonical order, so the labels after a missing or extra row shift");
        }

        var reported = 0;
        for (var i = 0; i < Math.Min(expectedRows.Count, actualRows.Count) && reported < MaxCellsPerTable; i++)
        {
            var expectedRow = expectedRows[i]!.AsObject();
            var actualRow = actualRows[i]!.AsObject();
            var label = (string?)expectedRow[DltColumns.RowId] ?? $"{table}[{i}]";
            foreach (var (column, expectedValue) in expectedRow)
            {
                if (actualRow.TryGetPropertyValue(column, out var actualValue) && !JsonEquivalence.AreEquivalent(expectedValue, actualValue))
                {
                    mismatches.AddCell(table, label, column, expectedValue, actualValue);
                    if (++reported == MaxCellsPerTable)
                    {
                        mismatches.AddTable(table, $"more cells differ; only the first {MaxCellsPerTable} are listed");
                        break;
                    }
                }
            }
        }
    }
}
