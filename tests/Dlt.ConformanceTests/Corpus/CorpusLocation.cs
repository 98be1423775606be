namespace Dlt.ConformanceTests.Corpus;

/// <summary>Where the conformance corpus was looked for, and whether its absence is an error.</summary>
/// <param name="Directory">The corpus folder, or null when no candidate was found.</param>
/// <param name="Required">True when a missing corpus must fail the run (the variable is set, or CI=true).</param>
/// <param name="Description">How the folder was chosen, for messages.</param>
internal sealed record CorpusLocation(string? Directory, bool Required, string Description)
{
    public bool IsPresent => Directory is not null && System.IO.Directory.Exists(Directory);

    public string NotFoundMessage =>
        $"conformance corpus not found; set {CorpusLocator.EnvironmentVariable} to the folder holding input/ and expected/ ({Description})";
}
