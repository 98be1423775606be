using System.Diagnostics;
using Dlt.Bench.Runner;
using Dlt.DuckDb;

namespace Dlt.Bench.Data;

/// <summary>
/// A pipeline into a DuckDB file in a run folder (or into the bench's PostgreSQL, see
/// <see cref="RawPostgres"/>), whose stages are called one by one through the
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

    /// <summary>Into a fresh DuckDB file in the run folder; progress bars, when <c>PROGRESS</c> asks for them, draw on <paramref name="progressConsole"/>.</summary>
    public StagedPipeline(string runDirectory, Spectre.Console.IAnsiConsole? progressConsole = null)
        : this(runDirectory, DuckDbDestination.Create(Path.Combine(runDirectory, "bench.duckdb")), progressConsole)
    {
    }

    /// <summary>Into <paramref name="destination"/> (owned by the caller): DuckDB, or PostgreSQL with the dataset <see cref="RawPostgres.Reset"/> first.</summary>
    public StagedPipeline(string runDirectory, Destination destination, Spectre.Console.IAnsiConsole? progressConsole = null)
    {
        Destination = destination;
        // With DLT_DATA_DIR set (the variant that moves the intermediary files), the library finds the pipelines folder there.
        var dataDirectory = Environment.GetEnvironmentVariable(Knobs.DataDir);
        Pipeline = Pipeline.Create(PipelineName, Destination, DatasetName, new PipelineOptions { PipelinesDirectory = dataDirectory is null ? Path.Combine(runDirectory, "pipelines") : null, ProgressConsole = progressConsole });
    }

    public Destination Destination { get; }

    /// <summary>The DuckDB file of a pipeline into DuckDB.</summary>
    public string DuckDbPath => Destination is DuckDbDestination duckDb
        ? duckDb.DatabasePath
        : throw new InvalidOperationException($"The pipeline loads into {Destination.DestinationType}, not into a DuckDB file.");

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

        _bytes += Destination is DuckDbDestination duckDb ? DiskUsage.OfDatabase(duckDb.DatabasePath) : RawPostgres.DatasetBytes();
    }

    /// <summary>Extract, normalize and load called one by one, each timed (what each leaves on disk is counted).</summary>
    public async Task RunAllAsync(Source source, CancellationToken cancellationToken)
    {
        await ExtractAsync(source, cancellationToken).ConfigureAwait(false);
        await NormalizeAsync(cancellationToken).ConfigureAwait(false);
        await LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One <c>RunAsync</c> call, the way a user runs a pipeline (normalize starts while extract
    /// runs): the stage times come from the pipeline's trace, so normalize is what remained after
    /// extract ended. The bytes are the loaded package's files and the database, the extract files
    /// being gone by then.
    /// </summary>
    public async Task RunAsync(Source source, CancellationToken cancellationToken)
    {
        var info = await Pipeline.RunAsync(source, cancellationToken).ConfigureAwait(false);
        if (info.HasFailedJobs)
        {
            throw new InvalidOperationException($"The load had failed jobs:\n{info}");
        }

        var steps = Pipeline.LastTrace!.Steps;
        double Seconds(string step) => steps.Last(s => s.Step == step).Duration.TotalSeconds;
        (_extract, _normalize, _load) = (Seconds("extract"), Seconds("normalize"), Seconds("load"));
        _bytes += DiskUsage.Of(Path.Combine(Pipeline.WorkingDirectory, "load", "loaded"));
        _bytes += Destination is DuckDbDestination duckDb ? DiskUsage.OfDatabase(duckDb.DatabasePath) : RawPostgres.DatasetBytes();
    }

    /// <summary>The measurement of the stages that ran, for <paramref name="rows"/> source rows.</summary>
    public Measurement Result(long rows) =>
        new(rows, (_extract ?? 0) + (_normalize ?? 0) + (_load ?? 0), new StageSeconds(_extract, _normalize, _load), _bytes);

    /// <summary>Fails unless <paramref name="table"/> holds <paramref name="expected"/> rows (checked after the timings).</summary>
    public void ExpectRows(string table, long expected)
    {
        if (Destination is DuckDbDestination duckDb)
        {
            RawDuckDb.ExpectRows(duckDb.DatabasePath, table, expected);
        }
        else
        {
            RawPostgres.ExpectRows(table, expected);
        }
    }

    /// <summary>The rows of all data tables (parent and child), after checking that <paramref name="parentTable"/> holds <paramref name="records"/> rows.</summary>
    public long DataTableRows(string parentTable, long records) =>
        Destination is DuckDbDestination duckDb
            ? RawDuckDb.DataTableRows(duckDb.DatabasePath, parentTable, records)
            : RawPostgres.DataTableRows(parentTable, records);
}
