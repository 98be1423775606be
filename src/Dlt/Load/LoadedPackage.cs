namespace Dlt.Load;

/// <summary>The outcome of loading one package, with when each job (by job id) started and ended.</summary>
internal sealed record LoadedPackage(string LoadId, LoadPackageState State, int CompletedJobs, int FailedJobs, IReadOnlyDictionary<string, (DateTimeOffset Started, DateTimeOffset Finished)> JobTimings);
