using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>Compares our stored schema with the expected one: data tables, parents, column order, types, nullability and hints.</summary>
internal static class SchemaComparer
{
    public static void Compare(IReadOnlyList<SchemaTable> expected, IReadOnlyList<SchemaTable> actual, Mismatches mismatches)
    {
        var ours = actual.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var theirs = expected.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var table in expected)
        {
            if (!ours.TryGetValue(table.Name, out var our))
            {
                mismatches.AddTable(table.Name, $"missing from our schema (parent {table.Parent ?? "none"}); our data tables: {string.Join(", ", actual.Select(t => t.Name))}");
                continue;
            }

            CompareTable(table, our, mismatches);
        }

        foreach (var extra in actual.Where(t => !theirs.Contains(t.Name)))
        {
            mismatches.AddTable(extra.Name, $"not created by dlt (our parent {extra.Parent ?? "none"}, columns {string.Join(", ", extra.ColumnNames)})");
        }
    }

    private static void CompareTable(SchemaTable expected, SchemaTable actual, Mismatches mismatches)
    {
        CompareProperty(expected, "parent", expected.Parent, actual.Parent, mismatches);
        if (expected.WriteDisposition is not null)
        {
            CompareProperty(expected, "write_disposition", expected.WriteDisposition, actual.WriteDisposition, mismatches);
        }

        if (expected.Resource is not null)
        {
            CompareProperty(expected, "resource", expected.Resource, actual.Resource, mismatches);
        }

        ColumnOrder.Compare(expected.Name, expected.ColumnNames.ToList(), actual.ColumnNames.ToList(), "our schema", mismatches);

        var ours = actual.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in expected.Columns)
        {
            if (ours.TryGetValue(column.Name, out var our) && !PropertiesEqual(column.Properties, our.Properties))
            {
                mismatches.AddColumn(expected.Name, column.Name,
                    $"expected {Mismatches.Show(Significant(column.Properties))}, actual {Mismatches.Show(Significant(our.Properties))}");
            }
        }
    }

    private static void CompareProperty(SchemaTable table, string property, string? expected, string? actual, Mismatches mismatches)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            mismatches.AddTable(table.Name, $"{property}: expected {expected ?? "none"}, actual {actual ?? "none"}");
        }
    }

    private static bool PropertiesEqual(JsonObject expected, JsonObject actual) =>
        JsonEquivalence.AreEquivalent(Significant(expected), Significant(actual));

    /// <summary>The properties that carry meaning: hints set to false are the same as hints not set.</summary>
    private static JsonObject Significant(JsonObject properties)
    {
        var result = new JsonObject();
        foreach (var (name, value) in properties)
        {
            if (name != "nullable" && value?.GetValueKind() == JsonValueKind.False)
            {
                continue;
            }

            result[name] = value?.DeepClone();
        }

        return result;
    }
}
