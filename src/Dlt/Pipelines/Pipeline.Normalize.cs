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
        foreach (var loadId in PipelineDirectories.PackagesIn(_directories.Extracted))
        {
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
    }

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
