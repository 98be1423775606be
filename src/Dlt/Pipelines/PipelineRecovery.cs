using Dlt.Schemas.Naming;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Pipelines;

/// <summary>
/// Finishes the bookkeeping of a run that was killed, before any step of the next one (under the
/// pipeline lock, so no other run is writing): removes what a killed extract or normalize left
/// half-written, drops an extracted package whose normalized copy was already published, and brings
/// the local state and schemas up to the newest published package when the run died before saving them.
/// </summary>
internal static class PipelineRecovery
{
    public static void Recover(PipelineDirectories directories, INamingConvention naming, PipelineLog log)
    {
        RemoveLeftovers(directories, log);
        AdoptNewerState(directories, log);
        AdoptNewerSchema(directories, naming, log);
    }

    private static void RemoveLeftovers(PipelineDirectories directories, PipelineLog log)
    {
        // Extract writes a package in a temporary folder beside "extracted"; normalize writes under load/new.
        var partial = Directory.GetDirectories(directories.NormalizeRoot)
            .Where(folder => folder != directories.Extracted && folder != directories.NormalizeAborted)
            .Concat(Directory.GetDirectories(directories.LoadNew))
            .ToList();
        foreach (var folder in partial)
        {
            Directory.Delete(folder, recursive: true);
            log.Info($"Removed '{folder}', left half-written by an interrupted run; its data is extracted or normalized again from what was published.");
        }

        foreach (var loadId in PipelineDirectories.PackagesIn(directories.Extracted))
        {
            if (Directory.Exists(Path.Combine(directories.Normalized, loadId)) || Directory.Exists(Path.Combine(directories.Loaded, loadId)))
            {
                Directory.Delete(Path.Combine(directories.Extracted, loadId), recursive: true);
                log.Info($"Removed the extracted copy of load package {loadId}: an interrupted run had already normalized it.");
            }
        }
    }

    /// <summary>A run killed between loading a package and saving <c>state.json</c> left the older state: the newest loaded package has the newer one.</summary>
    private static void AdoptNewerState(PipelineDirectories directories, PipelineLog log)
    {
        var package = PipelineDirectories.PackagesIn(directories.Loaded)
            .OrderByDescending(loadId => loadId, StringComparer.Ordinal)
            .Select(loadId => Path.Combine(directories.Loaded, loadId))
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, PackageFolders.CompletedMarker)) &&
                                      File.ReadAllText(Path.Combine(folder, PackageFolders.CompletedMarker)).Trim() == PackageFolders.LoadedState);
        if (package is not null && LocalState.Commit(directories, package))
        {
            log.Info($"Restored the pipeline state from load package '{package}': the run that loaded it was interrupted before saving it.");
        }
    }

    /// <summary>A run killed right after normalizing a package kept the older schema: the package, the newest normalized one, has the newer version.</summary>
    private static void AdoptNewerSchema(PipelineDirectories directories, INamingConvention naming, PipelineLog log)
    {
        var package = NewestPackage(directories.Normalized, directories.Loaded);
        var file = package is null ? null : Path.Combine(package, PackageFolders.SchemaFile);
        if (file is null || !File.Exists(file))
        {
            return;
        }

        var schema = SchemaJson.Load(file, naming);
        var stored = directories.SchemaFile(schema.Name);
        if (!File.Exists(stored) || SchemaJson.Load(stored, naming).Version < schema.Version)
        {
            SchemaJson.Save(schema, stored);
            log.Info($"Restored schema '{schema.Name}' version {schema.Version} from load package '{package}': the run that normalized it was interrupted before saving it.");
        }
    }

    /// <summary>The folder of the package with the highest load id in <paramref name="stages"/>.</summary>
    private static string? NewestPackage(params string[] stages) =>
        stages
            .SelectMany(stage => PipelineDirectories.PackagesIn(stage).Select(loadId => (LoadId: loadId, Path: Path.Combine(stage, loadId))))
            .OrderByDescending(p => p.LoadId, StringComparer.Ordinal)
            .Select(p => p.Path)
            .FirstOrDefault();
}
