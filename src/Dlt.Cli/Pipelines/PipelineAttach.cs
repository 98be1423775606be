using Dlt.DuckDb;

namespace Dlt.Cli.Pipelines;

/// <summary>
/// Attaches to a pipeline from its working dir (dlt's <c>dlt.attach</c>): the destination and dataset come from
/// its state, the destination's location and credentials from the configuration, as when the pipeline ran.
/// </summary>
internal static class PipelineAttach
{
    /// <summary>
    /// The pipeline <paramref name="name"/> of <paramref name="pipelinesDirectory"/> with the destination and dataset of its state, else
    /// <paramref name="destination"/> and <paramref name="datasetName"/> (a working dir without a state).
    /// </summary>
    /// <exception cref="CliException">The state names no destination and none was given, or a DuckDB file is missing.</exception>
    public static Pipeline Open(CliConsole console, string pipelinesDirectory, string name, string? destination = null, string? datasetName = null)
    {
        var root = Path.Combine(pipelinesDirectory, name);
        var state = Directory.Exists(root) ? PipelineFolder.Open(pipelinesDirectory, name).ReadState() : [];
        var type = state["destination_type"]?.GetValue<string>() ?? destination
            ?? throw new CliException($"Pipeline '{name}' has no destination in its state (it never loaded, or its working dir is gone): pass --destination and --dataset-name.");
        var dataset = state["dataset_name"]?.GetValue<string>() ?? datasetName
            ?? throw new CliException($"Pipeline '{name}' has no dataset in its state: pass --dataset-name.");
        var pipeline = Pipeline.Create(name, CliDestinations.Create(type), dataset, console.PipelineOptions(pipelinesDirectory));
        if (pipeline.Destination is DuckDbDestination duckDb && !File.Exists(duckDb.DatabasePath))
        {
            throw new CliException(
                $"The DuckDB file '{duckDb.DatabasePath}' of pipeline '{name}' does not exist. Run the command in the folder the pipeline ran in (its .dlt folder and its {name}.duckdb), or set destination.duckdb.credentials to the file.");
        }

        return pipeline;
    }
}
