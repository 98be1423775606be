using System.Diagnostics;
using Dlt.Bench.Runner;
using Dlt.DuckDb;

namespace Dlt.Bench.Data;

/// <summary>
/// A pipeline into a DuckDB file in a run folder, whose stages are called one by one through the
/// public API (<c>ExtractAsync</c>, <c>NormalizeAsync</c>, <c>LoadAsync</c>) so that each is
/// timed; after each stage, what it left on disk is added to the bytes (outside the timings).
/// No knob is set in code: they come from the environment the parent gave this child.
/// </summary>
internal sealed class StagedPipeline
{
    public const string PipelineName = "bench";
    public const string DatasetName = "bench_data";

    private double? _extract;
    private double? _normalize;
    private double? _load;
    private long _bytes;

    public StagedPipeline(string runDirectory)
    {
        Destination = DuckDbDestination.Create(Path.Combine(runDirectory, "bench.duckdb"));
        Pipeline = Pipeline.Create(PipelineName, Destination, DatasetName, new PipelineOptions { PipelinesDirectory = Path.Combine(runDirectory, "pipelines") });
    }

    public DuckDbDestination Destination { get; }

    public Pipeline Pipeline { get; }

    public async Task ExtractAsync(Source source, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var loadId = await Pipeline.ExtractAsync(source, cancellationToken).ConfigureAwait(false);
        _extract = stopwatch.Elapsed.TotalSeconds;
        _bytes += DiskUsage.Of(Path.Combine(Pipeline.WorkingDirectory, "normalize", "extracted", loadId));
    }

    public async Task NormalizeAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await Pipeline.NormalizeAsync(cancellationToken).ConfigureAwait(false);
        _normalize = stopwatch.Elapsed.TotalSeconds;
        _bytes += DiskUsage.Of(Path.Combine(Pipeline.WorkingDirectory, "load", "normalized"));
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var info = await Pipeline.LoadAsync(cancellationToken).ConfigureAwait(false);
        _load = stopwatch.Elapsed.TotalSeconds;
        if (info.HasFailedJobs)
        {
            throw new InvalidOperationException($"The load had failed jobs:\n{info}");
        }

        _bytes += DiskUsage.OfDatabase(Destination.DatabasePath);
    }

    /// <summary>Extract, normalize and load, each timed.</summary>
    public async Task RunAllAsync(Source source, CancellationToken cancellationToken)
    {
        await ExtractAsync(source, cancellationToken).ConfigureAwait(false);
        await NormalizeAsync(cancellationToken).ConfigureAwait(false);
        await LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The measurement of the stages that ran, for <paramref name="rows"/> source rows.</summary>
    public Measurement Result(long rows) =>
        new(rows, (_extract ?? 0) + (_normalize ?? 0) + (_load ?? 0), new StageSeconds(_extract, _normalize, _load), _bytes);

    /// <summary>Fails unless <paramref name="table"/> holds <paramref name="expected"/> rows (checked after the timings).</summary>
    public void ExpectRows(string table, long expected) => RawDuckDb.ExpectRows(Destination.DatabasePath, table, expected);
}
