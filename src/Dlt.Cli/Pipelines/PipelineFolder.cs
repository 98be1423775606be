using System.Text.Json.Nodes;
using Dlt.Configuration;
using Dlt.Pipelines;
using Dlt.Storage;

namespace Dlt.Cli.Pipelines;

/// <summary>A pipeline's working dir read from disk: its state, schemas and load packages, without creating a destination.</summary>
internal sealed class PipelineFolder
{
    private PipelineFolder(string name, PipelineDirectories directories)
    {
        Name = name;
        Directories = directories;
    }

    /// <summary>The pipeline name (the working dir's folder name).</summary>
    public string Name { get; }

    /// <summary>The working dir's folders.</summary>
    public PipelineDirectories Directories { get; }

    /// <summary>The folder holding the working dirs: <paramref name="pipelinesDirectory"/>, else dlt's default (<c>DLT_DATA_DIR</c>/pipelines).</summary>
    public static string ResolvePipelinesDirectory(string? pipelinesDirectory, IReadOnlyDictionary<string, string> environment) =>
        Path.GetFullPath(pipelinesDirectory ?? new ConfigFiles(environment).PipelinesDirectory);

    /// <summary>The names of the pipelines in <paramref name="pipelinesDirectory"/>, sorted.</summary>
    public static IReadOnlyList<string> List(string pipelinesDirectory) =>
        Directory.Exists(pipelinesDirectory)
            ? [.. Directory.GetDirectories(pipelinesDirectory).Where(d => File.Exists(Path.Combine(d, "state.json")) || Directory.Exists(Path.Combine(d, "schemas"))).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Opens the working dir of pipeline <paramref name="name"/>.</summary>
    /// <exception cref="CliException">There is no such working dir.</exception>
    public static PipelineFolder Open(string pipelinesDirectory, string name)
    {
        var root = Path.Combine(pipelinesDirectory, name);
        if (!Directory.Exists(root))
        {
            throw new CliException($"Pipeline '{name}' has no working dir in '{pipelinesDirectory}'. Run it first, check the name with 'dlt pipeline --list', or pass --pipelines-dir.");
        }

        return new PipelineFolder(name, new PipelineDirectories(root));
    }

    /// <summary>The content of <c>state.json</c>; an empty object before the first run.</summary>
    public JsonObject ReadState() =>
        File.Exists(Directories.StateFile) ? JsonNode.Parse(File.ReadAllBytes(Directories.StateFile))!.AsObject() : [];

    /// <summary>The names of the stored schemas, sorted.</summary>
    public IReadOnlyList<string> SchemaNames() =>
        Directory.Exists(Directories.Schemas)
            ? [.. Directory.GetFiles(Directories.Schemas, "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Every load package in the working dir with the stage it is in, oldest first.</summary>
    public IReadOnlyList<PackageEntry> Packages()
    {
        var packages = new List<PackageEntry>();
        Add(Directories.Extracted, PackageStage.Extracted);
        Add(Directories.NormalizeAborted, PackageStage.NormalizeAborted);
        Add(Directories.Normalized, PackageStage.Normalized);
        Add(Directories.Loaded, PackageStage.Loaded);
        return [.. packages.OrderBy(p => p.LoadId, StringComparer.Ordinal)];

        void Add(string folder, PackageStage stage)
        {
            foreach (var loadId in PipelineDirectories.PackagesIn(folder))
            {
                var path = Path.Combine(folder, loadId);
                if (stage == PackageStage.Loaded && File.Exists(Path.Combine(path, PackageFolders.CompletedMarker))
                    && File.ReadAllText(Path.Combine(path, PackageFolders.CompletedMarker)).Trim() == PackageFolders.AbortedState)
                {
                    packages.Add(new PackageEntry(loadId, PackageStage.Aborted, path));
                    continue;
                }

                packages.Add(new PackageEntry(loadId, stage, path));
            }
        }
    }

    /// <summary>Takes the pipeline's lock, so that no run changes the working dir meanwhile.</summary>
    public IDisposable Lock() => PipelineLock.Acquire(Directories.LockFile, Name);
}
