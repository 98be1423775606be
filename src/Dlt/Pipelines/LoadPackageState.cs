namespace Dlt;

/// <summary>Where a load package stands.</summary>
public enum LoadPackageState
{
    /// <summary>Extracted, waiting to be normalized.</summary>
    Extracted,

    /// <summary>Normalized, waiting to be loaded.</summary>
    Normalized,

    /// <summary>Every job loaded and the load recorded in <c>_dlt_loads</c>.</summary>
    Loaded,

    /// <summary>A job failed for good; the package was not completed.</summary>
    Aborted,
}
