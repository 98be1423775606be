using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using Dlt.Cli;
using Dlt.DuckDb;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>ingest</c>: the nested events file loaded by <c>dlt ingest events.jsonl --destination duckdb</c>
/// (the tool's own entry point, in the child process) against baseline <c>library</c>: the same
/// lines handed to <c>Pipeline.RunAsync</c> as <see cref="RawJson"/> pages, as a user of the API would.
/// </summary>
internal sealed class IngestWorkload : IWorkload
{
    public const string Library = "library";
    public const string Cli = "dlt ingest";

    public string Name => "ingest";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var records = context.Sizes.NestedRecords;
        var input = context.NestedInput(records);
        var baseline = await context.MeasureAsync(this, new ChildArgs(Name, Library).With(ChildArgs.Rows, records).With(ChildArgs.Input, input)).ConfigureAwait(false);
        var cli = await context.MeasureAsync(this, new ChildArgs(Name, Cli).With(ChildArgs.Rows, records).With(ChildArgs.Input, input)).ConfigureAwait(false);
        return [baseline, cli.Against(baseline)];
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken) => args.Variant switch
    {
        Library => RunLibraryAsync(args.Directory, args[ChildArgs.Input], args.RowCount, cancellationToken),
        Cli => RunCliAsync(args.Directory, args[ChildArgs.Input], args.RowCount, cancellationToken),
        _ => throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}."),
    };

    private static async Task<Measurement> RunLibraryAsync(string runDirectory, string input, long records, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(runDirectory, "library.duckdb");
        var stopwatch = Stopwatch.StartNew();
        var pipeline = Pipeline.Create("ingest_events", DuckDbDestination.Create(databasePath), StagedPipeline.DatasetName, new PipelineOptions { PipelinesDirectory = Path.Combine(runDirectory, "pipelines") });
        await pipeline.RunAsync([Resource.Create(NestedEvents.Table, RawPages(input))], cancellationToken).ConfigureAwait(false);
        return Result(databasePath, records, stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task<Measurement> RunCliAsync(string runDirectory, string input, long records, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(runDirectory, "cli.duckdb");
        Environment.SetEnvironmentVariable("DESTINATION__DUCKDB__CREDENTIALS", databasePath);
        var stopwatch = Stopwatch.StartNew();
        var console = new CliConsole(TextReader.Null, TextWriter.Null, Console.Error);
        string[] args = ["ingest", input, "--destination", "duckdb", "--dataset", StagedPipeline.DatasetName, "--table", NestedEvents.Table, "--pipelines-dir", Path.Combine(runDirectory, "pipelines")];
        var exitCode = await CliApp.RunAsync(args, console, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dlt ingest exited with {exitCode}.");
        }

        return Result(databasePath, records, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>The file's lines as pages of 1,000 <see cref="RawJson"/> items.</summary>
    private static IEnumerable<RawJson[]> RawPages(string input)
    {
        var page = new List<RawJson>(NestedEvents.PageSize);
        foreach (var line in File.ReadLines(input))
        {
            page.Add(RawJson.FromString(line));
            if (page.Count == NestedEvents.PageSize)
            {
                yield return [.. page];
                page.Clear();
            }
        }

        if (page.Count > 0)
        {
            yield return [.. page];
        }
    }

    private static Measurement Result(string databasePath, long records, double seconds)
    {
        RawDuckDb.ExpectRows(databasePath, NestedEvents.Table, records);
        return new Measurement(records, seconds, StageSeconds.None, DiskUsage.OfDatabase(databasePath));
    }
}
