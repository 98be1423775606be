using System.Diagnostics;
using Dlt.Load;
using Dlt.Pipelines;
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
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var packages = await TracedAsync(trace => trace.StepAsync(TraceRecorder.Load, () => LoadPendingAsync(cancellationToken))).ConfigureAwait(false);
        return new LoadInfo(PipelineName, Destination, DatasetName, packages, new Dictionary<string, long>(), stopwatch.Elapsed);
    }

    /// <summary>
    /// Deletes completed packages (<c>load/loaded/&lt;load_id&gt;</c>) whose load finished before
    /// <paramref name="olderThan"/> ago (all of them when omitted); returns the load ids deleted.
    /// Pending packages are never touched. dlt keeps completed packages for inspection; this is the
    /// way to prune them (or set <c>load.delete_completed_jobs</c> to drop their files as they load).
    /// </summary>
    public IReadOnlyList<string> DeleteCompletedPackages(TimeSpan? olderThan = null)
    {
        using var pipelineLock = AcquireLock();
        var cutoff = _options.TimeProvider.GetUtcNow().UtcDateTime - (olderThan ?? TimeSpan.Zero);
        var deleted = new List<string>();
        foreach (var loadId in PipelineDirectories.PackagesIn(_directories.Loaded))
        {
            var package = Path.Combine(_directories.Loaded, loadId);
            var completed = Path.Combine(package, PackageFolders.CompletedMarker);
            var finishedAt = File.Exists(completed) ? File.GetLastWriteTimeUtc(completed) : Directory.GetLastWriteTimeUtc(package);
            if (finishedAt <= cutoff)
            {
                Directory.Delete(package, recursive: true);
                deleted.Add(loadId);
            }
        }

        return deleted;
    }

    /// <summary>
    /// Puts the aborted package <paramref name="loadId"/> back in line: one that failed to normalize
    /// goes back to the extracted packages; one that failed to load goes back with its failed jobs as
    /// new jobs, and jobs of it that had committed before it was aborted are known to the destination
    /// and are not loaded twice. The next run (or step) takes it first.
    /// </summary>
    /// <exception cref="InvalidOperationException">No aborted package has that load id.</exception>
    public void RetryAbortedPackage(string loadId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loadId);
        using var pipelineLock = AcquireLock();
        var unnormalized = Path.Combine(_directories.NormalizeAborted, loadId);
        if (Directory.Exists(unnormalized))
        {
            File.Delete(Path.Combine(unnormalized, AbortedNormalizeErrorFile));
            DurableFiles.MoveDirectory(unnormalized, Path.Combine(_directories.Extracted, loadId));
            _log.Info($"Load package {loadId} is pending again; the next normalize retries it.");
            return;
        }

        var package = Path.Combine(_directories.Loaded, loadId);
        var marker = Path.Combine(package, PackageFolders.CompletedMarker);
        if (!File.Exists(marker) || File.ReadAllText(marker).Trim() != PackageFolders.AbortedState)
        {
            throw new InvalidOperationException($"Pipeline '{PipelineName}' has no aborted load package '{loadId}' (looked in '{_directories.NormalizeAborted}' and for '{marker}' saying \"aborted\").");
        }

        var failedJobs = Path.Combine(package, PackageFolders.FailedJobs);
        foreach (var file in Directory.GetFiles(failedJobs))
        {
            if (file.EndsWith(".exception", StringComparison.Ordinal))
            {
                File.Delete(file);
                continue;
            }

            File.Move(file, Path.Combine(package, PackageFolders.NewJobs, Path.GetFileName(file)));
        }

        File.Delete(marker);
        DurableFiles.MoveDirectory(package, Path.Combine(_directories.Normalized, loadId));
        _log.Info($"Load package {loadId} is pending again; the next load retries its failed jobs.");
    }

    private async Task<List<LoadPackageInfo>> LoadPendingAsync(CancellationToken cancellationToken)
    {
        var loaded = new List<LoadPackageInfo>();
        var loader = new PackageLoader(_directories, Destination, DatasetName, StagingDatasetName, _options.TimeProvider, _settings.Load, _progress, _log, _options.FaultHook, ReplaceStrategy);
        foreach (var loadId in PipelineDirectories.PackagesIn(_directories.Normalized))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var schema = SchemaJson.Load(Path.Combine(_directories.Normalized, loadId, PackageFolders.SchemaFile), _naming);
                var package = await loader.LoadAsync(loadId, schema, cancellationToken).ConfigureAwait(false);
                if (package.State == LoadPackageState.Loaded)
                {
                    LocalState.Commit(_directories, Path.Combine(_directories.Loaded, loadId));
                }

                TraceLoaded(schema, package);
                loaded.Add(new LoadPackageInfo(package.LoadId, package.State, package.CompletedJobs, package.FailedJobs));
                _log.Info($"Loaded load package {loadId}: {package.CompletedJobs} job(s) into dataset {DatasetName} of {Destination.DestinationType} at {Destination.Location}.");
                if (package.FailedJobs > 0)
                {
                    _log.Warning($"Load package {loadId} has {package.FailedJobs} failed job(s); see its failed_jobs folder.");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PipelineStepFailedException(PipelineName, "load", loadId, ex);
            }
        }

        return loaded;
    }
}
