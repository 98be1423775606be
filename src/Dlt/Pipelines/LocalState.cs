using Dlt.Storage;

namespace Dlt.Pipelines;

/// <summary>
/// Where the pipeline state lives between runs. Each load package carries the state it was extracted
/// with; <c>state.json</c> is the state of the newest package that has loaded, so a package that
/// fails to load never advances a cursor past rows that are not in the destination.
/// </summary>
internal static class LocalState
{
    /// <summary>The state a new extract starts from: <c>state.json</c>, or the state of a newer package still waiting to load.</summary>
    public static PipelineState Current(PipelineDirectories directories, string pipelineName)
    {
        var current = PipelineState.Load(directories.StateFile, pipelineName);
        foreach (var stage in new[] { directories.Extracted, directories.Normalized })
        {
            foreach (var loadId in PipelineDirectories.PackagesIn(stage))
            {
                var snapshot = Path.Combine(stage, loadId, PackageFolders.PipelineStateFile);
                if (File.Exists(snapshot) && PipelineState.Load(snapshot, pipelineName) is { } pending && pending.LastExtractedAt > current.LastExtractedAt)
                {
                    current = pending;
                }
            }
        }

        return current;
    }

    /// <summary>Makes the state of the loaded package at <paramref name="package"/> the local state, unless the local state is newer; true when it did.</summary>
    public static bool Commit(PipelineDirectories directories, string package)
    {
        var snapshot = Path.Combine(package, PackageFolders.PipelineStateFile);
        if (!File.Exists(snapshot) ||
            (File.Exists(directories.StateFile) && PipelineState.Load(snapshot, "").LastExtractedAt <= PipelineState.Load(directories.StateFile, "").LastExtractedAt))
        {
            return false;
        }

        var temp = directories.StateFile + ".tmp";
        File.Copy(snapshot, temp, overwrite: true);
        File.Move(temp, directories.StateFile, overwrite: true);
        return true;
    }
}
