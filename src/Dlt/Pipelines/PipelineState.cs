using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlt.Pipelines;

/// <summary>
/// The pipeline state (dlt's <c>state.json</c>): names, schemas and source state, versioned by a
/// hash. It is extracted as a row of <c>_dlt_pipeline_state</c> whenever it changed.
/// </summary>
internal sealed class PipelineState
{
    public const int EngineVersion = 4;

    private readonly JsonObject _state;

    private PipelineState(JsonObject state) => _state = state;

    public int Version => _state["_state_version"]?.GetValue<int>() ?? 0;

    public string VersionHash => _state["_version_hash"]?.GetValue<string>() ?? "";

    public string? LastExtractedHash => _state["_local"]?["_last_extracted_hash"]?.GetValue<string>();

    /// <summary>When the state was last extracted into a package; <see cref="DateTime.MinValue"/> before the first time.</summary>
    public DateTime LastExtractedAt =>
        _state["_local"]?["_last_extracted_at"]?.GetValue<string>() is { } at
            ? DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)
            : DateTime.MinValue;

    public static PipelineState Load(string path, string pipelineName)
    {
        if (File.Exists(path))
        {
            try
            {
                return new PipelineState(JsonNode.Parse(File.ReadAllBytes(path))!.AsObject());
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException)
            {
                throw new InvalidDataException(StateRestore.CorruptedMessage(path, ex), ex);
            }
        }

        return new PipelineState(new JsonObject
        {
            ["_state_version"] = 0,
            ["_state_engine_version"] = EngineVersion,
            ["pipeline_name"] = pipelineName,
            ["sources"] = new JsonObject(),
            ["_local"] = new JsonObject { ["first_run"] = true },
        });
    }

    /// <summary>Updates the synced fields; bumps the version when their hash changed.</summary>
    public void Update(string datasetName, string defaultSchemaName, IEnumerable<string> schemaNames, string destinationType)
    {
        _state["dataset_name"] = datasetName;
        _state["default_schema_name"] = defaultSchemaName;
        _state["schema_names"] = new JsonArray([.. schemaNames.Order(StringComparer.Ordinal).Select(n => (JsonNode)n!)]);
        _state["destination_type"] = destinationType;
        var hash = ComputeHash();
        if (hash != VersionHash)
        {
            _state["_state_version"] = Version + 1;
            _state["_version_hash"] = hash;
        }
    }

    /// <summary>The state's <c>default_schema_name</c>: the schema of the first run; null before it.</summary>
    public string? DefaultSchemaName => _state["default_schema_name"]?.GetValue<string>();

    /// <summary>The state of source <paramref name="sourceName"/> when it has one; null otherwise (nothing is created).</summary>
    public JsonObject? ExistingSourceState(string sourceName) => _state["sources"]?[sourceName] as JsonObject;

    /// <summary>The state of source <paramref name="sourceName"/> (dlt's <c>sources.&lt;source&gt;</c>), created when missing.</summary>
    public JsonObject SourceState(string sourceName)
    {
        var sources = ObjectAt(_state, "sources");
        return ObjectAt(sources, sourceName);
    }

    /// <summary>The state of a resource (<c>sources.&lt;source&gt;.resources.&lt;resource&gt;</c>), created when missing; emptied first with <paramref name="reset"/>.</summary>
    public JsonObject ResourceState(string sourceName, string resourceName, bool reset)
    {
        var resources = ObjectAt(SourceState(sourceName), "resources");
        if (reset)
        {
            resources.Remove(resourceName);
        }

        return ObjectAt(resources, resourceName);
    }

    /// <summary>Removes the state of a source with its resources' states (a refresh that drops the source).</summary>
    public void RemoveSource(string sourceName) => (_state["sources"] as JsonObject)?.Remove(sourceName);

    /// <summary>Makes the next extract write the state row even if the state did not change (dlt's <c>force_state_extract</c>).</summary>
    public void ForceExtract() => (_state["_local"] as JsonObject)?.Remove("_last_extracted_hash");

    /// <summary>Removes the states of <paramref name="sourceName"/> and its resources that a run opened but left empty, so they do not change the state's hash.</summary>
    public void RemoveEmpty(string sourceName)
    {
        if (_state["sources"] is not JsonObject sources || sources[sourceName] is not JsonObject source)
        {
            return;
        }

        if (source["resources"] is JsonObject resources)
        {
            foreach (var empty in resources.Where(r => r.Value is JsonObject { Count: 0 }).Select(r => r.Key).ToList())
            {
                resources.Remove(empty);
            }

            if (resources.Count == 0)
            {
                source.Remove("resources");
            }
        }

        if (source.Count == 0)
        {
            sources.Remove(sourceName);
        }
    }

    public void MarkExtracted(DateTime now)
    {
        var local = _state["_local"]!.AsObject();
        local["_last_extracted_hash"] = VersionHash;
        local["_last_extracted_at"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        local["first_run"] = false;
    }

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, _state.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The synced state as dlt stores it in <c>_dlt_pipeline_state.state</c>: base64 of zlib (level 9) of its JSON.</summary>
    public string CompressedForDestination()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Synced());
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(json);
        }

        return Convert.ToBase64String(output.ToArray());
    }

    private static JsonObject ObjectAt(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject child)
        {
            return child;
        }

        child = [];
        parent[key] = child;
        return child;
    }

    private JsonObject Synced()
    {
        var synced = _state.DeepClone().AsObject();
        synced.Remove("_local");
        return synced;
    }

    private string ComputeHash()
    {
        var content = Synced();
        content.Remove("_state_version");
        content.Remove("_state_engine_version");
        content.Remove("_version_hash");
        var sorted = SortKeys(content);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(sorted);
        return Convert.ToBase64String(SHA3_256.IsSupported ? SHA3_256.HashData(bytes) : SHA256.HashData(bytes));
    }

    private static JsonNode? SortKeys(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, SortKeys(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(SortKeys)]),
        _ => node?.DeepClone(),
    };
}
