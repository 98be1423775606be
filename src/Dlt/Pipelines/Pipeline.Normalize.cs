using Dlt.Normalize;
using Dlt.Pipelines;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

public sealed partial class Pipeline
{
    /// <summary>Normalizes every extracted package, oldest first; returns the rows written per table.</summary>
    public async Task<IReadOnlyDictionary<string, long>> NormalizeAsync(CancellationToken cancellationToken = default)
    {
        using var pipelineLock = AcquireLock();
        using var signals = ListenForSignals(cancellationToken);
        cancellationToken = signals.Token;
        var rowCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        await TracedAsync(trace =>
        {
            trace.Step(TraceRecorder.Normalize, () => NormalizePending(rowCounts, cancellationToken));
            return Task.FromResult(true);
        }).ConfigureAwait(false);
        return rowCounts;
    }

    /// <param name="rowCounts">Receives the rows written per table.</param>
    /// <param name="cancellationToken">Stops normalizing.</param>
    /// <param name="extracted">The package just extracted, with the segments already normalized while extract ran.</param>
    private void NormalizePending(Dictionary<string, long> rowCounts, CancellationToken cancellationToken, ExtractedPackage? extracted = null)
    {
        var normalizedAny = false;
        foreach (var loadId in PipelineDirectories.PackagesIn(_directories.Extracted))
        {
            normalizedAny = true;
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var packageSchema = SchemaJson.Load(Path.Combine(_directories.Extracted, loadId, PackageFolders.SchemaFile), _naming);
                var schema = LoadOrCreateSchema(packageSchema.Name);
                SchemaMerge.MergeInto(schema, packageSchema);
                var normalized = new PackageNormalizer(_directories, _settings.NormalizeWriterSettings, _settings.Normalize.Workers, _progress, _options.NormalizeSegmentMinItems, _options.FaultHook).Normalize(loadId, schema, cancellationToken, extracted?.LoadId == loadId ? extracted.Streamed : null);
                SchemaJson.Save(normalized.Schema, _directories.SchemaFile(normalized.Schema.Name));
                TraceNormalized(loadId, normalized.Schema.Name, normalized.RowCounts);
                _log.Info($"Normalized load package {loadId}: {normalized.RowCounts.Values.Sum()} rows in {normalized.RowCounts.Count} table(s).");
                if (normalized.SegmentsNormalizedAgain > 0)
                {
                    _log.Info($"Normalized {normalized.SegmentsNormalizedAgain} of the {normalized.Segments} segments of load package {loadId} a second time: the schema changes their worker found conflicted with those of earlier segments normalized at the same time (a field whose type changes between items).");
                }

                foreach (var (table, rows) in normalized.RowCounts)
                {
                    rowCounts[table] = rowCounts.GetValueOrDefault(table) + rows;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || Directory.Exists(Path.Combine(_directories.Normalized, loadId)))
            {
                // A disk error, or a failure after the package was published: the next call resumes it.
                throw new PipelineStepFailedException(PipelineName, "normalize", loadId, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PipelineStepFailedException(PipelineName, "normalize", loadId, ex, SetAsideUnnormalizable(loadId, ex));
            }
        }

        if (normalizedAny)
        {
            ReleaseNormalizeMemory();
        }
    }

    /// <summary>
    /// Extract and normalize leave a managed heap of mostly dead objects (about 100 MB after the
    /// nested JSON bench) that nothing collects while the load runs, since the load allocates little
    /// managed memory: it stayed resident beside the destination's own memory (DuckDB's buffer pool
    /// in this process) and set the run's peak. One compacting collection at this stage boundary
    /// returns it first (measured: peak RSS 393-395 MB -> 322 MB, for a pause of a few milliseconds).
    /// </summary>
    private static void ReleaseNormalizeMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    /// <summary>
    /// Moves an extracted package that failed to normalize for a reason of its data (not of the disk)
    /// to <c>normalize/aborted</c> with the error beside it, so later runs go on with new data; says so.
    /// </summary>
    private string SetAsideUnnormalizable(string loadId, Exception error)
    {
        var partial = Path.Combine(_directories.LoadNew, loadId);
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(_directories.NormalizeAborted);
        var aborted = Path.Combine(_directories.NormalizeAborted, loadId);
        DurableFiles.MoveDirectory(Path.Combine(_directories.Extracted, loadId), aborted);
        File.WriteAllText(Path.Combine(aborted, AbortedNormalizeErrorFile), error.ToString());
        return $"Load package {loadId} was set aside in '{aborted}' (the error is in {AbortedNormalizeErrorFile}); later runs go on with new data. " +
               $"To retry it once the cause is fixed, call Pipeline.RetryAbortedPackage(\"{loadId}\"); to drop it, delete that folder.";
    }

    private const string AbortedNormalizeErrorFile = "normalize_exception.txt";
}
