namespace Dlt.Load;

/// <summary>How the load stage runs jobs (dlt's <c>load</c> section).</summary>
internal sealed record LoadSettings
{
    /// <summary>Jobs loaded at once, capped by what the destination takes (<c>load.workers</c>). <value>The default value is 20.</value></summary>
    public int Workers { get; init; } = 20;

    /// <summary>Abort the package at the first job that fails for good (<c>load.raise_on_failed_jobs</c>). <value>The default value is <see langword="true"/>.</value></summary>
    public bool RaiseOnFailedJobs { get; init; } = true;

    /// <summary>Attempts of a job that fails transiently before the load stops (<c>load.raise_on_max_retries</c>). <value>The default value is 5.</value></summary>
    public int RaiseOnMaxRetries { get; init; } = 5;

    /// <summary>Delete the completed jobs' files once a package is loaded (<c>load.delete_completed_jobs</c>). <value>The default value is <see langword="false"/>.</value></summary>
    public bool DeleteCompletedJobs { get; init; }
}
