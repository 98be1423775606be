using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>nested</c>: event records of about 450 bytes from a JSONL file, end to end into DuckDB with
/// child tables, in source records/s. Baseline <c>duckdb sql</c>: DuckDB SQL building the same
/// tables from the same file (<c>read_json</c>, then <c>UNNEST</c> into the child tables).
/// </summary>
internal sealed class NestedWorkload : IWorkload
{
    public const string DuckDbSql = "duckdb sql";
    public const string DuckDb = "duckdb";

    public string Name => "nested";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var records = context.Sizes.NestedRecords;
        var input = context.NestedInput(records);
        var baseline = await context.MeasureAsync(this, new ChildArgs(Name, DuckDbSql).With(ChildArgs.Rows, records).With(ChildArgs.Input, input)).ConfigureAwait(false);
        var pipeline = await context.MeasureAsync(this, new ChildArgs(Name, DuckDb).With(ChildArgs.Rows, records).With(ChildArgs.Input, input)).ConfigureAwait(false);
        return [baseline, pipeline.Against(baseline)];
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken) => args.Variant switch
    {
        DuckDb => RunPipelineAsync(args.Directory, args[ChildArgs.Input], args.RowCount, cancellationToken),
        DuckDbSql => Task.FromResult(RunSql(args.Directory, args[ChildArgs.Input], args.RowCount)),
        _ => throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}."),
    };

    /// <summary>The events file end to end through one <c>RunAsync</c> call (also used by <c>scaling</c>).</summary>
    public static async Task<Measurement> RunPipelineAsync(string runDirectory, string input, long records, CancellationToken cancellationToken)
    {
        var pipeline = new StagedPipeline(runDirectory);
        await pipeline.RunAsync(EventsSource(input), cancellationToken).ConfigureAwait(false);
        ExpectTables(pipeline.DuckDbPath, records);
        return pipeline.Result(records);
    }

    /// <summary>The events file as a source of one resource, <c>events</c>.</summary>
    public static Source EventsSource(string input) =>
        Source.Create("nested_source", Resource.Create(NestedEvents.Table, NestedEvents.Pages(input)));

    private static Measurement RunSql(string runDirectory, string input, long records)
    {
        var stopwatch = Stopwatch.StartNew();
        string databasePath;
        using (var db = new RawDuckDb(runDirectory))
        {
            databasePath = db.DatabasePath;
            db.Execute(NestedEvents.BuildTablesSql(input, FlatWorkload.BaselineLoadId));
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        ExpectTables(databasePath, records);
        return new Measurement(records, seconds, StageSeconds.None, DiskUsage.OfDatabase(databasePath));
    }

    private static void ExpectTables(string databasePath, long records)
    {
        RawDuckDb.ExpectRows(databasePath, NestedEvents.Table, records);
        RawDuckDb.ExpectRows(databasePath, NestedEvents.ItemsTable, records * NestedEvents.ItemsPerEvent);
        RawDuckDb.ExpectRows(databasePath, NestedEvents.TagsTable, records * NestedEvents.TagsPerEvent);
    }
}
