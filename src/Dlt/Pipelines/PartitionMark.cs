using System.Text.Json.Nodes;

namespace Dlt.Pipelines;

/// <summary>
/// The record that partition <see cref="Key"/> of run <see cref="RunId"/> has loaded: written into the
/// source state (<c>sources.&lt;source&gt;._partition</c>) of the partition's package, so that it reaches
/// <c>state.json</c> and the destination's <c>_dlt_pipeline_state</c> only when that package has loaded.
/// </summary>
internal sealed record PartitionMark(string Key, string RunId)
{
    private const string StateKey = "_partition";

    /// <summary>Marks the state a package is extracted with.</summary>
    public void WriteTo(PipelineState state, string schemaName) =>
        state.SourceState(schemaName)[StateKey] = new JsonObject { ["key"] = Key, ["run_id"] = RunId };

    /// <summary>Whether the state of the newest loaded package carries this mark.</summary>
    public bool IsIn(PipelineState state, string schemaName) =>
        state.SourceState(schemaName)[StateKey] is JsonObject mark
        && mark["key"]?.GetValue<string>() == Key
        && mark["run_id"]?.GetValue<string>() == RunId;
}
