using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// dlt's guess of where the records of a response are: a top-level list is the page; otherwise the
/// lists in nested objects (paths of at most three keys, depth first) are collected and the first
/// whose key names records (<c>data</c>, <c>items</c>, <c>results</c>, ...) wins, else the first
/// list; without any list, the whole document is one record.
/// </summary>
internal static class DataSelectorDetector
{
    private const int MaxKeys = 3;

    private static readonly HashSet<string> s_recordKeys = new(StringComparer.Ordinal)
    {
        "data", "items", "results", "entries", "records", "rows", "entities", "payload", "content", "objects", "values",
    };

    /// <summary>The selector of the records in <paramref name="root"/>.</summary>
    public static JsonPath Detect(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return JsonPath.Root;
        }

        var lists = new List<string[]>();
        CollectLists(root, [], lists);
        var chosen = lists.FirstOrDefault(keys => s_recordKeys.Contains(keys[^1])) ?? lists.FirstOrDefault();
        return chosen is null ? JsonPath.Root : JsonPath.FromKeys(chosen);
    }

    private static void CollectLists(JsonElement node, string[] path, List<string[]> lists)
    {
        foreach (var property in node.EnumerateObject())
        {
            string[] keys = [.. path, property.Name];
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                lists.Add(keys);
            }
            else if (property.Value.ValueKind == JsonValueKind.Object && keys.Length < MaxKeys)
            {
                CollectLists(property.Value, keys, lists);
            }
        }
    }
}
