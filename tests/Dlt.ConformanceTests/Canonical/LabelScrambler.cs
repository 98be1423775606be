using System.Globalization;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Comparison;

namespace Dlt.ConformanceTests.Canonical;

/// <summary>
/// Undoes canonicalization for self-tests: turns expected canonical <c>tables</c> back into raw tables
/// with fresh random row ids and load ids (load ids keep their order) and rows and tables shuffled.
/// </summary>
internal static class LabelScrambler
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IReadOnlyList<RawTable> Scramble(IReadOnlyList<SchemaTable> schema, JsonObject canonicalTables, Random random)
    {
        var rowIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var loadBase = random.Next(1_600_000_000, 1_700_000_000);
        var loadFraction = random.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);

        string RowId(string label)
        {
            if (!rowIds.TryGetValue(label, out var id))
            {
                do
                {
                    id = new string(Enumerable.Range(0, 14).Select(_ => IdAlphabet[random.Next(IdAlphabet.Length)]).ToArray());
                }
                while (!used.Add(id));

                rowIds[label] = id;
            }

            return id;
        }

        string LoadId(string label) =>
            (loadBase + int.Parse(label.AsSpan("load_".Length), CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture) + "." + loadFraction;

        var tables = new List<RawTable>();
        foreach (var table in schema)
        {
            var columns = table.ColumnNames.ToList();
            var rows = new List<JsonNode?[]>();
            foreach (var row in canonicalTables[table.Name]?.AsArray() ?? [])
            {
                var values = new JsonNode?[columns.Count];
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = row![columns[i]];
                    values[i] = columns[i] switch
                    {
                        DltColumns.RowId or DltColumns.ParentId or DltColumns.RootId when value is not null => RowId((string)value!),
                        DltColumns.LoadId when value is not null => LoadId((string)value!),
                        _ => value?.DeepClone(),
                    };
                }

                rows.Add(values);
            }

            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
            tables.Add(new RawTable(table.Name, table.Parent, columns, rows));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tables));
        return tables;
    }
}
