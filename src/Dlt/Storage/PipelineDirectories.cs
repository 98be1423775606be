namespace Dlt.Storage;

/// <summary>
/// The folders of a pipeline's working dir, laid out as dlt lays them out
/// (<c>normalize/extracted</c>, <c>load/new</c>, <c>load/normalized</c>, <c>load/loaded</c>, <c>schemas</c>).
/// </summary>
internal sealed class PipelineDirectories
{
    public PipelineDirectories(string workingDirectory)
    {
        Root = workingDirectory;
        NormalizeRoot = Path.Combine(Root, "normalize");
        Extracted = Path.Combine(NormalizeRoot, "extracted");
        NormalizeAborted = Path.Combine(NormalizeRoot, "aborted");
        LoadRoot = Path.Combine(Root, "load");
        LoadNew = Path.Combine(LoadRoot, "new");
        Normalized = Path.Combine(LoadRoot, "normalized");
        Loaded = Path.Combine(LoadRoot, "loaded");
        Schemas = Path.Combine(Root, "schemas");
    }

    public string Root { get; }

    public string NormalizeRoot { get; }

    public string Extracted { get; }

    /// <summary>Ours: extracted packages that failed to normalize for good, set aside so later runs go on.</summary>
    public string NormalizeAborted { get; }

    public string LoadRoot { get; }

    /// <summary>Ours: pending packages of a partition whose run another working dir has loaded since, set aside unloaded.</summary>
    public string Superseded => Path.Combine(Root, "superseded");

    public string LoadNew { get; }

    public string Normalized { get; }

    public string Loaded { get; }

    public string Schemas { get; }

    public string StateFile => Path.Combine(Root, "state.json");

    public string LockFile => Path.Combine(Root, ".lock");

    public string SchemaFile(string schemaName) => Path.Combine(Schemas, schemaName + ".schema.json");

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Extracted);
        Directory.CreateDirectory(LoadNew);
        Directory.CreateDirectory(Normalized);
        Directory.CreateDirectory(Loaded);
        Directory.CreateDirectory(Schemas);
        WriteVersion(Path.Combine(NormalizeRoot, ".version"), "1.0.1");
        WriteVersion(Path.Combine(LoadRoot, ".version"), "1.0.0");
    }

    private static void WriteVersion(string path, string version)
    {
        if (!File.Exists(path))
        {
            File.WriteAllText(path, version);
        }
    }

    /// <summary>Package folders in a stage folder, oldest load id first.</summary>
    public static IReadOnlyList<string> PackagesIn(string stageFolder) =>
        Directory.Exists(stageFolder)
            ? [.. Directory.GetDirectories(stageFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!]
            : [];
}
