namespace Dlt;

/// <summary>
/// Moves data from resources into a destination dataset in three stages (extract, normalize, load),
/// keeping its work on disk in a working dir so that an interrupted run resumes.
/// </summary>
public sealed partial class Pipeline
{
    /// <summary>Creates a pipeline, or attaches to the working dir of one with the same name.</summary>
    /// <param name="pipelineName">Names the working dir and the outermost configuration section.</param>
    /// <param name="destination">Where the tables are loaded.</param>
    /// <param name="datasetName">The dataset (database schema); defaults to <c>&lt;pipeline_name&gt;_dataset</c>.</param>
    /// <param name="options">Settings that are not configuration keys.</param>
    public static Pipeline Create(string pipelineName, Destination destination, string? datasetName = null, PipelineOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Extracts, normalizes and loads the resources of <paramref name="source"/>.</summary>
    public Task<LoadInfo> RunAsync(Source source, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Extracts, normalizes and loads the given resources.</summary>
    public Task<LoadInfo> RunAsync(params Resource[] resources) =>
        throw new NotImplementedException();
}
