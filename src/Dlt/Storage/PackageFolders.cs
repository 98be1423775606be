namespace Dlt.Storage;

/// <summary>The job folders inside a load package and its bookkeeping files.</summary>
internal static class PackageFolders
{
    public const string NewJobs = "new_jobs";
    public const string StartedJobs = "started_jobs";
    public const string CompletedJobs = "completed_jobs";
    public const string FailedJobs = "failed_jobs";

    /// <summary>Ours: the index of flushed members of each extract file, so normalize can split big files.</summary>
    public const string Segments = "segments";
    public const string SchemaFile = "schema.json";
    public const string SchemaUpdatesFile = "schema_updates.json";
    public const string AppliedSchemaUpdatesFile = "applied_schema_updates.json";
    public const string PackageStateFile = "load_package_state.json";

    /// <summary>The pipeline state the package was extracted with; it becomes the local state once the package has loaded.</summary>
    public const string PipelineStateFile = "pipeline_state.json";
    public const string CompletedMarker = "package_completed.json";

    /// <summary>The content of <see cref="CompletedMarker"/> for a package whose jobs all loaded.</summary>
    public const string LoadedState = "\"loaded\"";

    /// <summary>The content of <see cref="CompletedMarker"/> for a package set aside after a job failed for good.</summary>
    public const string AbortedState = "\"aborted\"";

    public static void Create(string packagePath)
    {
        foreach (var folder in new[] { NewJobs, StartedJobs, CompletedJobs, FailedJobs })
        {
            Directory.CreateDirectory(Path.Combine(packagePath, folder));
        }
    }
}
