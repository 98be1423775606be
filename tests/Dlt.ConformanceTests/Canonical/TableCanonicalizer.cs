using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Canonical;

/// <summary>
/// Rewrites tables into the corpus's canonical <c>tables</c> form (README "Canonicalization of tables"):
/// tables in (nesting depth, name) order, rows sorted, row ids replaced by <c>T#i</c> labels and load ids
/// by <c>load_k</c>.
/// </summary>
internal static class TableCanonicalizer
{
    public const string DanglingLabel = "<dangling>";

    /// <param name="tables">Every data table of the dataset (nested sort needs the parents).</param>
    /// <param name="primaryKey">Primary key columns of the root table, or null.</param>
    public static JsonObject Canonicalize(IReadOnlyList<RawTable> tables, IReadOnlyList<string>? primaryKey = null)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = tables
            .OrderBy(t => Depth(t, byName))
            .ThenBy(t => t.Name, CodePointComparer.Instance)
            .ToList();
        var loadLabels = LoadLabels(tables);

        // _dlt_id -> label of the row, filled table by table so that children find their sorted parents.
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var table in ordered)
        {
            var rows = Sort(table, primaryKey, loadLabels, positions);
            var idColumn = IndexOf(table, DltColumns.RowId);
            for (var i = 0; i < rows.Count; i++)
            {
                if (idColumn >= 0 && AsString(rows[i][idColumn]) is { } id)
                {
                    labels.TryAdd(id, Label(table.Name, i));
                    positions.TryAdd(id, i);
                }
            }

            var array = new JsonArray();
            for (var i = 0; i < rows.Count; i++)
            {
                array.Add(Relabel(table, rows[i], Label(table.Name, i), labels, loadLabels));
            }

            result[table.Name] = array;
        }

        return result;
    }

    /// <summary>The label of the row at 0-based position <paramref name="index"/> of the sorted table.</summary>
    public static string Label(string table, int index) => table + "#" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The label of the k-th load id in string order.</summary>
    public static string LoadLabel(int index) => "load_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Python <c>json.dumps(sort_keys=True)</c> of the row's columns that do not start with <c>_dlt_</c>.</summary>
    public static string DataKey(IReadOnlyList<string> columns, JsonNode?[] row) =>
        PythonJson.DumpsObject(columns
            .Select((name, i) => KeyValuePair.Create(name, row[i]))
            .Where(p => !p.Key.StartsWith(DltColumns.Prefix, StringComparison.Ordinal)));

    private static List<JsonNode?[]> Sort(
        RawTable table,
        IReadOnlyList<string>? primaryKey,
        Dictionary<string, int> loadLabels,
        Dictionary<string, int> parentPositions)
    {
        var loadColumn = IndexOf(table, DltColumns.LoadId);
        var keyed = table.Rows.Select(row => new SortKey(
            row,
            DataKey(table.Columns, row),
            loadColumn >= 0 && AsString(row[loadColumn]) is { } load ? loadLabels[load] : -1)).ToList();

        if (table.Parent is not null)
        {
            var parentColumn = IndexOf(table, DltColumns.ParentId);
            var listColumn = IndexOf(table, DltColumns.ListIndex);
            return keyed
                .OrderBy(k => parentColumn >= 0 && AsString(k.Row[parentColumn]) is { } parent && parentPositions.TryGetValue(parent, out var position)
                    ? position
                    : int.MaxValue)
                .ThenBy(k => listColumn >= 0 ? AsLong(k.Row[listColumn]) : long.MaxValue)
                .ThenBy(k => k.DataKey, StringComparer.Ordinal)
                .Select(k => k.Row)
                .ToList();
        }

        var keyColumns = primaryKey is { Count: > 0 } && primaryKey.All(c => IndexOf(table, c) >= 0)
            ? primaryKey.Select(c => IndexOf(table, c)).ToArray()
            : null;
        if (keyColumns is not null)
        {
            return keyed
                .OrderBy(k => keyColumns.Select(c => PythonJson.Str(k.Row[c])).ToArray(), PrimaryKeyComparer.Instance)
                .ThenBy(k => k.Load)
                .ThenBy(k => k.DataKey, StringComparer.Ordinal)
                .Select(k => k.Row)
                .ToList();
        }

        return keyed
            .OrderBy(k => k.DataKey, StringComparer.Ordinal)
            .ThenBy(k => k.Load)
            .Select(k => k.Row)
            .ToList();
    }

    private static JsonObject Relabel(
        RawTable table,
        JsonNode?[] row,
        string ownLabel,
        Dictionary<string, string> labels,
        Dictionary<string, int> loadLabels)
    {
        var result = new JsonObject();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var value = row[i];
            result[table.Columns[i]] = table.Columns[i] switch
            {
                DltColumns.RowId => ownLabel,
                DltColumns.ParentId or DltColumns.RootId => AsString(value) is { } id
                    ? labels.GetValueOrDefault(id, DanglingLabel)
                    : null,
                DltColumns.LoadId => AsString(value) is { } load ? LoadLabel(loadLabels[load]) : null,
                _ => value?.DeepClone(),
            };
        }

        return result;
    }

    private static Dictionary<string, int> LoadLabels(IReadOnlyList<RawTable> tables)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var column = IndexOf(table, DltColumns.LoadId);
            if (column < 0)
            {
                continue;
            }

            foreach (var row in table.Rows)
            {
                if (AsString(row[column]) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids.Select((id, k) => (id, k)).ToDictionary(p => p.id, p => p.k, StringComparer.Ordinal);
    }

    private static int Depth(RawTable table, Dictionary<string, RawTable> byName)
    {
        var depth = 0;
        var current = table;
        while (current.Parent is { } parent && byName.TryGetValue(parent, out var next) && depth <= byName.Count)
        {
            depth++;
            current = next;
        }

        return depth;
    }

    private static int IndexOf(RawTable table, string column)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? AsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static long AsLong(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            long.TryParse(PythonJson.Dumps(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) ? index : long.MaxValue,
        _ => long.MaxValue,
    };

    private sealed record SortKey(JsonNode?[] Row, string DataKey, int Load);
}
