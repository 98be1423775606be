namespace Dlt.Load;

/// <summary>The outcome of loading one package.</summary>
internal sealed record LoadedPackage(string LoadId, LoadPackageState State, int CompletedJobs, int FailedJobs);
