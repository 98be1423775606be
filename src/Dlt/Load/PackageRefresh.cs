using System.Text.Json.Nodes;
using Dlt.Destinations;
using Dlt.Storage;

namespace Dlt.Load;

/// <summary>
/// The tables a load package drops or empties before its data loads, kept in its
/// <c>load_package_state.json</c> as dlt keeps them: <c>dropped_tables</c> and <c>truncated_tables</c>,
/// lists of table schemas (we write their names).
/// </summary>
internal static class PackageRefresh
{
    public const string DroppedTables = "dropped_tables";
    public const string TruncatedTables = "truncated_tables";

    /// <summary>The package state JSON of a package that drops <paramref name="dropTables"/> and empties <paramref name="truncateTables"/>.</summary>
    public static string ToJson(IReadOnlyList<string> dropTables, IReadOnlyList<string> truncateTables)
    {
        var state = new JsonObject();
        if (dropTables.Count > 0)
        {
            state[DroppedTables] = Tables(dropTables);
        }

        if (truncateTables.Count > 0)
        {
            state[TruncatedTables] = Tables(truncateTables);
        }

        return state.ToJsonString();
    }

    /// <summary>What the package at <paramref name="package"/> drops and empties; null when nothing.</summary>
    /// <exception cref="InvalidDataException">The package state file is not the JSON object it should be.</exception>
    public static TableRefresh? Read(string package, string loadId)
    {
        var path = Path.Combine(package, PackageFolders.PackageStateFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var state = JsonNode.Parse(File.ReadAllBytes(path))?.AsObject();
            var refresh = new TableRefresh(loadId, Names(state?[DroppedTables]), Names(state?[TruncatedTables]));
            return refresh.IsEmpty ? null : refresh;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"The package state '{path}' of load package {loadId} is not a valid JSON object ({ex.Message}); it lists the tables the package drops or empties. Restore it, or delete the package folder to drop the package.", ex);
        }
    }

    private static JsonArray Tables(IEnumerable<string> names) => [.. names.Select(name => (JsonNode)new JsonObject { ["name"] = name })];

    private static List<string> Names(JsonNode? tables) =>
        tables is JsonArray array ? [.. array.Select(t => t?["name"]?.GetValue<string>()).OfType<string>()] : [];
}
