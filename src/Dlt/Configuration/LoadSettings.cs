namespace Dlt.Configuration;

/// <summary>The load stage's keys, <c>[load]</c>.</summary>
public sealed record LoadSettings
{
    /// <summary>
    /// Load jobs run at once (<c>workers</c>); a destination may cap it (DuckDB: its <c>threads</c>).
    /// <value>The default value is 20.</value>
    /// </summary>
    public int Workers { get; init; } = 20;

    /// <summary>
    /// Fail the load when a job fails terminally (<c>raise_on_failed_jobs</c>).
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool RaiseOnFailedJobs { get; init; } = true;

    /// <summary>
    /// Fail a job once it has been retried this many times (<c>raise_on_max_retries</c>); 0 never fails on retries.
    /// <value>The default value is 5.</value>
    /// </summary>
    public int RaiseOnMaxRetries { get; init; } = 5;

    /// <summary>
    /// Delete the job files of a package once it is loaded (<c>delete_completed_jobs</c>).
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool DeleteCompletedJobs { get; init; }

    /// <summary>
    /// Empty the staging tables a package used once it is loaded (<c>truncate_staging_dataset</c>), so the
    /// staging dataset keeps no copy of the merged rows; a failure to empty them is logged as a warning.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool TruncateStagingDataset { get; init; }

    internal static LoadSettings Read(SettingsReader reader)
    {
        var sections = ConfigSections.Named(ConfigSections.Load);
        var defaults = new LoadSettings();
        return new LoadSettings
        {
            Workers = reader.Integer(sections, "workers", defaults.Workers, min: 1),
            RaiseOnFailedJobs = reader.Boolean(sections, "raise_on_failed_jobs", defaults.RaiseOnFailedJobs),
            RaiseOnMaxRetries = reader.Integer(sections, "raise_on_max_retries", defaults.RaiseOnMaxRetries, min: 0),
            DeleteCompletedJobs = reader.Boolean(sections, "delete_completed_jobs", defaults.DeleteCompletedJobs),
            TruncateStagingDataset = reader.Boolean(sections, "truncate_staging_dataset", defaults.TruncateStagingDataset),
        };
    }
}
