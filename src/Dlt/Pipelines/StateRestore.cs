using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlt.Pipelines;

/// <summary>
/// Reads the pipeline state back from what the destination stores (dlt's <c>decompress_state</c>) and
/// from a local <c>state.json</c> that may be missing or corrupted, and decides whether the stored
/// state replaces the local one (dlt's <c>sync_destination</c> rule).
/// </summary>
internal static class StateRestore
{
    /// <summary>The JSON object of <c>_dlt_pipeline_state.state</c>: base64 of zlib of the typed JSON (plain JSON is taken too).</summary>
    /// <exception cref="InvalidDataException">The value is neither.</exception>
    public static JsonObject Decode(string stored, string where)
    {
        try
        {
            var text = stored.TrimStart();
            if (text.StartsWith('{'))
            {
                return JsonNode.Parse(text)!.AsObject();
            }

            using var zlib = new ZLibStream(new MemoryStream(Convert.FromBase64String(text)), CompressionMode.Decompress);
            return JsonNode.Parse(zlib)!.AsObject();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidDataException($"The stored {where} is neither JSON nor base64 of zlib-compressed JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The local state: null when the file is missing, or when it cannot be read as a JSON object (<paramref name="error"/> says why).</summary>
    public static JsonObject? ReadLocal(string path, out JsonException? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new JsonException("the content is not a JSON object");
        }
        catch (JsonException ex)
        {
            error = ex;
            return null;
        }
    }

    /// <summary>The error for a <c>state.json</c> that cannot be read, naming the file and the two ways out.</summary>
    public static string CorruptedMessage(string path, Exception cause) =>
        $"The pipeline state '{path}' is corrupted and cannot be read ({MessageText.Sentence(cause.Message).TrimEnd('.')}). " +
        $"Restore it from the destination with pipeline.{nameof(Pipeline.SyncDestinationAsync)}(), or delete the file: the next run then restores the state stored in the destination (or starts afresh when there is none).";

    public static long Version(JsonObject? state) => state?["_state_version"] is JsonValue value && value.TryGetValue<long>(out var version) ? version : -1;

    public static string? Hash(JsonObject? state) => state?["_version_hash"] is JsonValue value && value.TryGetValue<string>(out var hash) ? hash : null;

    /// <summary>dlt's rule: the stored state replaces the local one when its version is not older and its hash differs.</summary>
    public static bool ReplacesLocal(JsonObject stored, JsonObject? local) =>
        Version(stored) >= Version(local) && Hash(stored) != Hash(local);

    /// <summary>
    /// The state to save locally: the stored one with the local <c>_local</c> part (not a first run any
    /// more, marked as extracted, so an unchanged state is not loaded again) and the local dataset name.
    /// </summary>
    public static JsonObject Merge(JsonObject stored, JsonObject? local, string datasetName, DateTime now)
    {
        var merged = stored.DeepClone().AsObject();
        var localPart = local?["_local"] is JsonObject part ? part.DeepClone().AsObject() : [];
        localPart["first_run"] = false;
        localPart["_last_extracted_hash"] = Hash(stored);
        localPart["_last_extracted_at"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        merged["_local"] = localPart;
        merged["dataset_name"] = datasetName;
        return merged;
    }

    public static void Save(JsonObject state, string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, state.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }
}
