namespace Dlt.Hangfire;

/// <summary>How a worker process runs partition jobs.</summary>
public sealed record PartitionWorkerOptions
{
    /// <summary>
    /// Jobs run at the same time in this process (Hangfire's worker count). Each partition job runs a
    /// whole pipeline with its own extract, normalize and load workers, so keep this near the core count.
    /// <value>The default value is the processor count.</value>
    /// </summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The Hangfire queue the coordinator puts partition jobs in, and that workers listen to.
    /// <value>The default value is <c>default</c>.</value>
    /// </summary>
    public string Queue { get; init; } = "default";

    /// <summary>
    /// Names the worker in Hangfire's servers list (Hangfire adds the process id and a unique suffix).
    /// <value>The default value is the machine name.</value>
    /// </summary>
    public string ServerName { get; init; } = Environment.MachineName;

    /// <summary>
    /// How often the coordinator reads the states of its partition jobs.
    /// <value>The default value is 1 second.</value>
    /// </summary>
    public TimeSpan CoordinatorPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the worker moves due retries (scheduled jobs) back to their queue; Hangfire's own default is 15 seconds.
    /// <value>The default value is 1 second.</value>
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a stopping worker waits for its running jobs before it cancels them (they then resume on another worker).
    /// <value>The default value is 15 seconds.</value>
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
