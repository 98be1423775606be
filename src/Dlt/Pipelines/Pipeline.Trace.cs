using System.Runtime.InteropServices;
using Dlt.Load;
using Dlt.Pipelines;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

public sealed partial class Pipeline
{
    private PipelineTrace? _lastTrace;
    private bool _lastTraceRead;
    private TraceRecorder? _trace;

    /// <summary>
    /// The trace of the last calls (a run, or the single-step calls after it), read from
    /// <see cref="PipelineTrace.FileName"/> in the working dir when this process made no call yet;
    /// null when no call ever finished.
    /// </summary>
    public PipelineTrace? LastTrace
    {
        get
        {
            if (!_lastTraceRead)
            {
                _lastTrace ??= PipelineTrace.Read(WorkingDirectory);
                _lastTraceRead = true;
            }

            return _lastTrace;
        }
    }

    /// <summary>
    /// Runs the steps of one public call and saves its trace whether they succeed or fail: a run
    /// (<paramref name="isRun"/>) replaces the last trace, a single step is added to it.
    /// </summary>
    private async Task<T> TracedAsync<T>(Func<TraceRecorder, Task<T>> steps, bool isRun = false)
    {
        var last = LastTrace;
        using var trace = new TraceRecorder(PipelineName, isRun ? TraceRecorder.Run : null, DatasetName, Destination.DestinationType, _options.TimeProvider);
        _trace = trace;
        try
        {
            return await steps(trace).ConfigureAwait(false);
        }
        finally
        {
            _progress.Close();
            _trace = null;
            var merged = TraceFile.Merge(last, trace.Finish(ExecutionContext(), TraceSettings(), _settings.Resolver.Resolved), isRun);
            _lastTrace = merged with { Bottlenecks = BottleneckRules.Find(merged) };
            SaveTrace(_lastTrace);
        }
    }

    private void SaveTrace(PipelineTrace trace)
    {
        try
        {
            TraceFile.Write(Path.Combine(WorkingDirectory, PipelineTrace.FileName), trace);
            foreach (var bottleneck in trace.Bottlenecks)
            {
                _log.Info($"Bottleneck ({bottleneck.Rule}): {bottleneck.Message}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warning($"The trace could not be saved to '{Path.Combine(WorkingDirectory, PipelineTrace.FileName)}': {ex.Message}");
        }
    }

    private static TraceExecutionContext ExecutionContext() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        typeof(Pipeline).Assembly.GetName().Version?.ToString() ?? "");

    private TraceSettings TraceSettings() => new(
        _settings.Extract.Workers,
        _settings.Normalize.Workers,
        _settings.Load.Workers,
        _settings.NormalizeWriterSettings.BufferMaxItems,
        _settings.NormalizeWriterSettings.FileMaxItems,
        _settings.NormalizeWriterSettings.FileMaxBytes);

    /// <summary>Adds the files and items of the package just extracted to the running step's trace.</summary>
    private void TraceExtracted(string loadId, string schemaName, IReadOnlyDictionary<string, long> items, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> resources) =>
        _trace?.AddPackage(PackageMetrics.Written(loadId, schemaName, Path.Combine(_directories.Extracted, loadId, PackageFolders.NewJobs), items, resources));

    /// <summary>Adds the load files and rows of the package just normalized to the running step's trace.</summary>
    private void TraceNormalized(string loadId, string schemaName, IReadOnlyDictionary<string, long> rows) =>
        _trace?.AddPackage(PackageMetrics.Written(loadId, schemaName, Path.Combine(_directories.Normalized, loadId, PackageFolders.NewJobs), rows));

    /// <summary>Adds the jobs of the package just loaded, with their states and timings, to the running step's trace.</summary>
    private void TraceLoaded(Schema schema, LoadedPackage package) =>
        _trace?.AddPackage(PackageMetrics.Loaded(package.LoadId, schema.Name, package.State.ToString().ToLowerInvariant(), Path.Combine(_directories.Loaded, package.LoadId), package.JobTimings, schema.Tables.Select(t => t.Name)));
}
