using System.Diagnostics;
using Dlt.Load;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

public sealed partial class Pipeline
{
    /// <summary>Loads every normalized package, oldest first.</summary>
    public async Task<LoadInfo> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        using var pipelineLock = AcquireLock();
        var packages = await LoadPendingAsync(cancellationToken).ConfigureAwait(false);
        return new LoadInfo(PipelineName, Destination, DatasetName, packages, new Dictionary<string, long>(), stopwatch.Elapsed);
    }

    private async Task<List<LoadPackageInfo>> LoadPendingAsync(CancellationToken cancellationToken)
    {
        var loaded = new List<LoadPackageInfo>();
        var loader = new PackageLoader(_directories, Destination, DatasetName, _options.TimeProvider, _settings.Load, _progress);
        foreach (var loadId in PipelineDirectories.PackagesIn(_directories.Normalized))
        {
            try
            {
                var schema = SchemaJson.Load(Path.Combine(_directories.Normalized, loadId, PackageFolders.SchemaFile), _naming);
                var package = await loader.LoadAsync(loadId, schema, cancellationToken).ConfigureAwait(false);
                loaded.Add(new LoadPackageInfo(package.LoadId, package.State, package.CompletedJobs, package.FailedJobs));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PipelineStepFailedException(PipelineName, "load", loadId, ex);
            }
        }

        return loaded;
    }
}
