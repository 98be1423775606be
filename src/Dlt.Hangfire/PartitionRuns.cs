using Hangfire;
using Hangfire.States;

namespace Dlt.Hangfire;

/// <summary>Starts runs of partitioned pipelines and follows them, from any process that reaches the storage.</summary>
public static class PartitionRuns
{
    /// <summary>
    /// Enqueues the coordinator of run <paramref name="runId"/> of pipeline <paramref name="pipelineName"/>
    /// (registered in the workers); it enqueues the partition jobs and succeeds when all have loaded.
    /// </summary>
    /// <param name="storage">The Hangfire storage the workers use.</param>
    /// <param name="pipelineName">The logical pipeline, as registered in the workers.</param>
    /// <param name="runId">Names the run: enqueuing the same run again loads no partition twice.</param>
    /// <param name="queue">The queue the workers listen to.</param>
    /// <returns>The coordinator's Hangfire job id.</returns>
    public static string Enqueue(JobStorage storage, string pipelineName, string runId, string queue = "default")
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(pipelineName);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return new BackgroundJobClient(storage).Create<PartitionJobs>(j => j.CoordinateAsync(pipelineName, runId, null, CancellationToken.None), new EnqueuedState(queue));
    }

    /// <summary>Waits until the job <paramref name="jobId"/> (a coordinator) has succeeded.</summary>
    /// <exception cref="InvalidOperationException">The job failed for good or was deleted; the message has its reason.</exception>
    public static async Task WaitAsync(JobStorage storage, string jobId, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state?.Name == SucceededState.StateName)
                {
                    return;
                }

                if (state?.Name == FailedState.StateName || state?.Name == DeletedState.StateName)
                {
                    throw new InvalidOperationException($"Hangfire job {jobId} is {state.Name}: {state.Reason}");
                }
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
