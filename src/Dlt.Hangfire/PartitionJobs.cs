using System.Globalization;
using Hangfire;
using Hangfire.Server;

namespace Dlt.Hangfire;

/// <summary>
/// The Hangfire jobs of a partitioned run: a coordinator that enqueues one job per partition and
/// completes when all have loaded, and the partition job itself. Hangfire creates this class through
/// the worker's activator (<see cref="PartitionWorker"/>); enqueue runs with <see cref="PartitionRuns"/>.
/// </summary>
public sealed class PartitionJobs
{
    /// <summary>The job parameter of the coordinator that holds the ids of the partition jobs it enqueued, by key.</summary>
    internal const string PartitionJobsParameter = "dlt_partition_jobs";

    private readonly PartitionRegistry _registry;
    private readonly JobStorage _storage;
    private readonly PartitionWorkerOptions _options;

    internal PartitionJobs(PartitionRegistry registry, JobStorage storage, PartitionWorkerOptions options)
    {
        _registry = registry;
        _storage = storage;
        _options = options;
    }

    /// <summary>
    /// Runs one partition as <see cref="Pipeline.RunPartitionAsync"/> does: at most once per run id, so
    /// a retried or duplicated job finishes the partition's pending package or does nothing.
    /// </summary>
    /// <returns>A line for the job's result: the partition pipeline and what it loaded.</returns>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800])]
    [JobDisplayName("dlt partition {1} of {0} (run {2})")]
    public async Task<string> RunPartitionAsync(string pipelineName, string partitionKey, string runId, CancellationToken cancellationToken)
    {
        var (pipeline, source) = _registry.Get(pipelineName);
        var info = await pipeline.RunPartitionAsync(source, partitionKey, runId, cancellationToken).ConfigureAwait(false);
        return info.LoadPackages.Count == 0
            ? $"Partition '{partitionKey}' ({info.PipelineName}) had loaded in run '{runId}' already: nothing to do."
            : $"Partition '{partitionKey}' ({info.PipelineName}) loaded package(s) {string.Join(", ", info.LoadPackages.Select(p => p.LoadId))}.";
    }

    /// <summary>
    /// Enqueues a partition job per key of the pipeline's source (once: the job ids are kept as a job
    /// parameter, so a retried coordinator waits for the same jobs, and requeues those that failed), then
    /// waits until every partition job has succeeded.
    /// </summary>
    /// <exception cref="PartitionRunFailedException">Partition jobs failed for good or were deleted; retrying the coordinator requeues them.</exception>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 10, 60])]
    [JobDisplayName("dlt run {1} of {0}")]
    public async Task<string> CoordinateAsync(string pipelineName, string runId, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, source) = _registry.Get(pipelineName);
        var client = new BackgroundJobClient(_storage);
        var jobs = context.GetJobParameter<Dictionary<string, string>>(PartitionJobsParameter);
        if (jobs is null)
        {
            jobs = [];
            foreach (var key in await source.KeysAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs[key] = client.Create<PartitionJobs>(j => j.RunPartitionAsync(pipelineName, key, runId, CancellationToken.None), new global::Hangfire.States.EnqueuedState(_options.Queue));
            }

            context.SetJobParameter(PartitionJobsParameter, jobs);
        }
        else
        {
            foreach (var (_, jobId) in jobs.Where(j => IsFailed(StateOf(j.Value))))
            {
                client.Requeue(jobId);
            }
        }

        while (true)
        {
            var states = jobs.ToDictionary(j => j.Key, j => StateOf(j.Value), StringComparer.Ordinal);
            var failed = states.Where(s => IsFailed(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
            if (failed.Count > 0)
            {
                throw new PartitionRunFailedException(pipelineName, runId, failed);
            }

            var succeeded = states.Count(s => s.Value == global::Hangfire.States.SucceededState.StateName);
            if (succeeded == states.Count)
            {
                return string.Create(CultureInfo.InvariantCulture, $"All {states.Count} partition(s) of pipeline '{pipelineName}' loaded in run '{runId}'.");
            }

            await Task.Delay(_options.CoordinatorPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsFailed(string? state) =>
        state == global::Hangfire.States.FailedState.StateName || state == global::Hangfire.States.DeletedState.StateName;

    private string? StateOf(string jobId)
    {
        using var connection = _storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
