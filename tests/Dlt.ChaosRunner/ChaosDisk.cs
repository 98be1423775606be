namespace Dlt.ChaosRunner;

/// <summary>What a pipeline's working dir holds: the packages in each stage folder and anything else left in them.</summary>
public sealed record ChaosDisk(
    IReadOnlyList<string> Extracted,
    IReadOnlyList<string> New,
    IReadOnlyList<string> Normalized,
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> NormalizeAborted,
    IReadOnlyList<string> TempFolders,
    int StartedJobs,
    int CompletedJobs,
    int NewJobs,
    bool StateFile)
{
    /// <summary>Packages waiting for normalize or load.</summary>
    public bool HasPending => Extracted.Count > 0 || Normalized.Count > 0;

    /// <summary>Whether any package was published (extracted, normalized or loaded).</summary>
    public bool HasPublished => HasPending || Loaded.Count > 0;

    public static ChaosDisk Read(string workingDirectory)
    {
        var normalize = Path.Combine(workingDirectory, "normalize");
        var load = Path.Combine(workingDirectory, "load");
        var normalized = Packages(Path.Combine(load, "normalized"));
        var jobs = normalized.Select(p => Path.Combine(load, "normalized", p)).ToList();
        return new ChaosDisk(
            Packages(Path.Combine(normalize, "extracted")),
            Packages(Path.Combine(load, "new")),
            normalized,
            Packages(Path.Combine(load, "loaded")),
            Packages(Path.Combine(normalize, "aborted")),
            [.. Packages(normalize).Where(name => name is not "extracted" and not "aborted")],
            jobs.Sum(p => Files(Path.Combine(p, "started_jobs"))),
            jobs.Sum(p => Files(Path.Combine(p, "completed_jobs"))),
            jobs.Sum(p => Files(Path.Combine(p, "new_jobs"))),
            File.Exists(Path.Combine(workingDirectory, "state.json")));
    }

    /// <summary>One line for the log, e.g. <c>extracted=1 new=0 normalized=1 (jobs new=3 started=2 completed=4) loaded=0 temp=0</c>.</summary>
    public override string ToString() =>
        $"extracted={Extracted.Count} new={New.Count} normalized={Normalized.Count}"
        + (Normalized.Count > 0 ? $" (jobs new={NewJobs} started={StartedJobs} completed={CompletedJobs})" : "")
        + $" loaded={Loaded.Count}" + (NormalizeAborted.Count > 0 ? $" normalize-aborted={NormalizeAborted.Count}" : "") + $" temp={TempFolders.Count}" + (StateFile ? "" : " no-state.json");

    private static List<string> Packages(string folder) =>
        Directory.Exists(folder) ? [.. Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)] : [];

    private static int Files(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
}
