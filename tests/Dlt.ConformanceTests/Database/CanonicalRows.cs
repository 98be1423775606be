using System.Data.Common;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;

namespace Dlt.ConformanceTests.Database;

/// <summary>Runs a SELECT of a table's columns and renders each row's values in canonical JSON form, for any engine.</summary>
internal static class CanonicalRows
{
    public static RawTable Read(DbCommand command, string table, string? parent, IReadOnlyList<DatabaseColumn> columns, Func<DatabaseColumn, object, JsonNode?> toCanonical)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<JsonNode?[]>();
        while (reader.Read())
        {
            var row = new JsonNode?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : toCanonical(columns[i], reader.GetValue(i));
            }

            rows.Add(row);
        }

        return new RawTable(table, parent, columns.Select(c => c.Name).ToList(), rows);
    }
}
