namespace Dlt.Cli.Pipelines;

/// <summary>The stage folder a load package is in.</summary>
internal enum PackageStage
{
    /// <summary><c>normalize/extracted</c>: waits for normalize.</summary>
    Extracted,

    /// <summary><c>normalize/aborted</c>: failed to normalize for good.</summary>
    NormalizeAborted,

    /// <summary><c>load/normalized</c>: waits for load.</summary>
    Normalized,

    /// <summary><c>load/loaded</c> with every job loaded.</summary>
    Loaded,

    /// <summary><c>load/loaded</c>, set aside after a job failed for good.</summary>
    Aborted,
}
