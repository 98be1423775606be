using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dlt.Pipelines;

/// <summary>Writes and reads <see cref="PipelineTrace.FileName"/>: JSON with dlt's snake_case keys, replaced atomically.</summary>
internal static class TraceFile
{
    /// <summary>Single-step calls keep at most this many steps in the merged trace, as dlt does.</summary>
    public const int MaxSteps = 100;

    public static string Serialize(PipelineTrace trace) => JsonSerializer.Serialize(trace, TraceJsonContext.Default.PipelineTrace);

    public static void Write(string path, PipelineTrace trace)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, Serialize(trace));
        File.Move(temp, path, overwrite: true);
    }

    public static PipelineTrace? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), TraceJsonContext.Default.PipelineTrace)
                ?? throw new InvalidDataException($"The trace file '{path}' holds null; delete it, the next pipeline call writes a new one.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The trace file '{path}' is not a pipeline trace ({ex.Message}); delete it, the next pipeline call writes a new one.", ex);
        }
    }

    /// <summary>dlt's merge: a run's trace replaces the last one; a single step call adds its steps to it.</summary>
    public static PipelineTrace Merge(PipelineTrace? last, PipelineTrace next, bool isRun)
    {
        if (isRun || last is null || last.PipelineName != next.PipelineName)
        {
            return next;
        }

        var steps = last.Steps.Concat(next.Steps).TakeLast(MaxSteps).ToList();
        return last with
        {
            FinishedAt = next.FinishedAt,
            Steps = steps,
            Settings = next.Settings,
            ExecutionContext = next.ExecutionContext,
            ResolvedConfigValues = next.ResolvedConfigValues,
            Bottlenecks = next.Bottlenecks,
        };
    }
}

/// <summary>
/// The trace's JSON contract, generated at build time: a run writes its trace once at its end, where
/// reflection would first build and compile the serializer's metadata (55 ms of CPU in a profile of
/// the 1M-record bench run).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PipelineTrace))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
