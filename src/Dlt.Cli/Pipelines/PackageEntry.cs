namespace Dlt.Cli.Pipelines;

/// <summary>One load package in a working dir.</summary>
/// <param name="LoadId">The package's load id.</param>
/// <param name="Stage">Where the package is.</param>
/// <param name="Path">The package folder.</param>
internal sealed record PackageEntry(string LoadId, PackageStage Stage, string Path)
{
    /// <summary>True for a package that still has to be normalized or loaded.</summary>
    public bool IsPending => Stage is PackageStage.Extracted or PackageStage.Normalized;
}
