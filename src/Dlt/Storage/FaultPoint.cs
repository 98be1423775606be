namespace Dlt.Storage;

/// <summary>
/// The instants between a durable change and its bookkeeping where a crash is hardest to survive.
/// Tests pass <see cref="PipelineOptions.FaultHook"/> to crash (or kill the process) exactly there.
/// </summary>
internal static class FaultPoint
{
    /// <summary>Extract renamed the package into <c>normalize/extracted</c>; the local state is not saved yet.</summary>
    public const string ExtractPackagePublished = "extract.package_published";

    /// <summary>Normalize renamed the package into <c>load/normalized</c>; the extracted package is not deleted yet.</summary>
    public const string NormalizePackagePublished = "normalize.package_published";

    /// <summary>A job group's transaction committed in the destination; its files are still in <c>started_jobs</c>.</summary>
    public const string LoadJobCommitted = "load.job_committed";

    /// <summary>A job failed for good and moved to <c>failed_jobs</c>; its package is not aborted yet.</summary>
    public const string LoadJobFailed = "load.job_failed";

    /// <summary>A staged chain's follow-up SQL (merge, or replace from staging) committed with its ledger record; the next chain or the <c>_dlt_loads</c> row is not written yet.</summary>
    public const string LoadFollowupCommitted = "load.followup_committed";

    /// <summary>Every job of the package completed; the <c>_dlt_loads</c> row is not written yet.</summary>
    public const string LoadJobsDone = "load.jobs_done";

    /// <summary>The <c>_dlt_loads</c> row committed; the package is still in <c>load/normalized</c>.</summary>
    public const string LoadCompleted = "load.completed";
}
