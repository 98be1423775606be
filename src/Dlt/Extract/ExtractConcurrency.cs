namespace Dlt.Extract;

/// <summary>How the extract stage runs resources (dlt's <c>extract.workers</c>, <c>max_parallel_items</c>, <c>next_item_mode</c>).</summary>
internal sealed record ExtractConcurrency
{
    /// <summary>Dedicated threads for parallelized synchronous resources. <value>The default value is 5.</value></summary>
    public int Workers { get; init; } = 5;

    /// <summary>Async steps (item reads of async resources, awaited item tasks) in flight at once. <value>The default value is 20.</value></summary>
    public int MaxParallelItems { get; init; } = 20;

    /// <summary>Round robin or FIFO. <value>The default value is <see cref="NextItemMode.RoundRobin"/>.</value></summary>
    public NextItemMode NextItemMode { get; init; } = NextItemMode.RoundRobin;
}
