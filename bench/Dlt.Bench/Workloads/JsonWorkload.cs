using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>json_flat</c> and <c>json_nested</c>: API-shaped JSON lines files made by
/// <c>shared/bench/gen_data.py</c>, loaded through the public API as a user reading JSON lines
/// would (each line a <see cref="RawJson"/>, in pages of 1,000), end to end into DuckDB and
/// PostgreSQL, and a 10k-record run into DuckDB for the fixed start-up cost. <c>rows</c> are the
/// rows of all data tables (parent and child tables). Baseline <c>duckdb read_json</c>: DuckDB's
/// own <c>read_json</c> of the same file into the same tables (<see cref="JsonBaselineSql"/>).
/// A last DuckDB row runs the process with .NET's dynamic PGO off, compared with the default row.
/// </summary>
internal sealed class JsonWorkload(string kind) : IWorkload
{
    public const string ReadJson = "duckdb read_json";
    public const string DuckDb = "duckdb";
    public const string Postgres = "postgres";
    public const string DuckDbPgoOff = "duckdb TieredPGO=0";

    /// <summary>The table of the records (the resource's name).</summary>
    public const string Table = "records";

    private const string Kind = "kind";

    public string Name => "json_" + kind;

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var records = kind == JsonBaselineSql.Flat ? context.Sizes.JsonFlatRecords : context.Sizes.JsonNestedRecords;
        var input = context.JsonInput(kind, records);
        var shortInput = context.JsonInput(kind, context.Sizes.JsonShortRecords);
        ChildArgs Args(string variant, string file) => new ChildArgs(Name, variant).With(Kind, kind).With(ChildArgs.Input, file);

        var baseline = await context.MeasureAsync(this, Args(ReadJson, input)).ConfigureAwait(false);
        var duckDb = await context.MeasureAsync(this, Args(DuckDb, input)).ConfigureAwait(false);
        var postgres = await context.MeasureAsync(this, Args(Postgres, input)).ConfigureAwait(false);
        var shortRun = await context.MeasureAsync(this, Args($"{DuckDb} records={Count.Format(context.Sizes.JsonShortRecords)}", shortInput)).ConfigureAwait(false);
        var pgoOff = await context.MeasureAsync(this, Args(DuckDbPgoOff, input), Knobs.Of((Knobs.TieredPgo, 0))).ConfigureAwait(false);
        return [baseline, duckDb.Against(baseline), postgres, shortRun, pgoOff.Against(duckDb)];
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        var input = args[ChildArgs.Input];
        if (args.Variant == ReadJson)
        {
            return Task.FromResult(RunReadJson(args.Directory, args[Kind], input));
        }

        if (args.Variant.StartsWith(DuckDb, StringComparison.Ordinal))
        {
            return RunPipelineAsync(new StagedPipeline(args.Directory), input, cancellationToken);
        }

        return args.Variant == Postgres
            ? RunPostgresAsync(args.Directory, input, cancellationToken)
            : throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}.");
    }

    private static async Task<Measurement> RunPostgresAsync(string runDirectory, string input, CancellationToken cancellationToken)
    {
        await using var destination = RawPostgres.FreshDestination();
        return await RunPipelineAsync(new StagedPipeline(runDirectory, destination), input, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Measurement> RunPipelineAsync(StagedPipeline pipeline, string input, CancellationToken cancellationToken)
    {
        var source = Source.Create("json_source", Resource.Create(Table, JsonLinesPages.Read(input)));
        await pipeline.RunAsync(source, cancellationToken).ConfigureAwait(false);
        var rows = pipeline.DataTableRows(Table, CountLines(input));
        return pipeline.Result(rows);
    }

    private static Measurement RunReadJson(string runDirectory, string kind, string input)
    {
        var stopwatch = Stopwatch.StartNew();
        string databasePath;
        using (var db = new RawDuckDb(runDirectory))
        {
            databasePath = db.DatabasePath;
            db.Execute(JsonBaselineSql.Build(kind, input, FlatWorkload.BaselineLoadId));
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var rows = RawDuckDb.DataTableRows(databasePath, Table, CountLines(input));
        return new Measurement(rows, seconds, StageSeconds.None, DiskUsage.OfDatabase(databasePath));
    }

    /// <summary>
    /// The records of the file (its non-empty lines), counted after the clock stopped, on its bytes:
    /// a string per line would add the file's size twice over to the run's allocations in the log.
    /// </summary>
    private static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        var lineStarted = false;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var rest = buffer.AsSpan(0, read);
            int newline;
            while ((newline = rest.IndexOf((byte)'\n')) >= 0)
            {
                if (newline > 0 || lineStarted)
                {
                    lines++;
                }

                lineStarted = false;
                rest = rest[(newline + 1)..];
            }

            lineStarted |= !rest.IsEmpty;
        }

        return lineStarted ? lines + 1 : lines;
    }
}
