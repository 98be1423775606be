namespace Dlt.Hangfire;

/// <summary>
/// What a worker process can run: each logical pipeline (by its name) with its partitioned source.
/// Every worker and the process that enqueues the runs register the same pipelines under the same names;
/// the jobs in the queue carry only the pipeline name, the partition key and the run id.
/// </summary>
public sealed class PartitionRegistry
{
    private readonly Dictionary<string, (Pipeline Pipeline, PartitionedSource Source)> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="pipeline"/> (its partitions load into its dataset) with the source it splits.</summary>
    /// <exception cref="ArgumentException">A pipeline of the same name is registered already.</exception>
    public PartitionRegistry Add(Pipeline pipeline, PartitionedSource source)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(source);
        if (!_pipelines.TryAdd(pipeline.PipelineName, (pipeline, source)))
        {
            throw new ArgumentException($"Pipeline '{pipeline.PipelineName}' is registered already; each pipeline name runs one partitioned source.", nameof(pipeline));
        }

        return this;
    }

    /// <summary>The pipeline named <paramref name="pipelineName"/> and its source.</summary>
    /// <exception cref="InvalidOperationException">No pipeline of that name is registered in this process.</exception>
    internal (Pipeline Pipeline, PartitionedSource Source) Get(string pipelineName) =>
        _pipelines.TryGetValue(pipelineName, out var entry) ? entry : throw new InvalidOperationException(
            $"This worker has no pipeline '{pipelineName}' (it has {(_pipelines.Count == 0 ? "none" : string.Join(", ", _pipelines.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'")))}). Register it with {nameof(PartitionRegistry)}.{nameof(Add)} in every worker process.");
}
