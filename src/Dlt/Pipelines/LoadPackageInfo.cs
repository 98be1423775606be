namespace Dlt;

/// <summary>One load package of a run: its id, where it stands and its jobs.</summary>
/// <param name="LoadId">The package's load id.</param>
/// <param name="State">Where the package stands.</param>
/// <param name="CompletedJobs">Jobs loaded.</param>
/// <param name="FailedJobs">Jobs that failed for good.</param>
public sealed record LoadPackageInfo(string LoadId, LoadPackageState State, int CompletedJobs, int FailedJobs);
