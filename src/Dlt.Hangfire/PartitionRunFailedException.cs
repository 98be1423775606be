namespace Dlt.Hangfire;

/// <summary>Partition jobs of a run failed after all their retries (or were deleted); the other partitions have loaded.</summary>
public sealed class PartitionRunFailedException : Exception
{
    /// <summary>Creates the exception for the failed partitions of a run.</summary>
    public PartitionRunFailedException(string pipelineName, string runId, IReadOnlyList<string> failedPartitions)
        : base($"{failedPartitions.Count} partition job(s) of pipeline '{pipelineName}' failed in run '{runId}': {string.Join(", ", failedPartitions.Select(k => $"'{k}'"))}. "
            + "Their errors are in the Hangfire job history; the coordinator requeues them when it is retried, and the other partitions are not loaded again.")
    {
        PipelineName = pipelineName;
        RunId = runId;
        FailedPartitions = failedPartitions;
    }

    /// <summary>The logical pipeline.</summary>
    public string PipelineName { get; }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The keys of the partitions whose jobs failed.</summary>
    public IReadOnlyList<string> FailedPartitions { get; }
}
