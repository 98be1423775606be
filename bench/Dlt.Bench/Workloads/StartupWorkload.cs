using System.Diagnostics;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>startup</c>: wall time of the <c>dlt</c> tool as a user runs it, a new process each time:
/// <c>dlt --help</c> and <c>dlt ingest</c> of 10,000 nested events into DuckDB, published without
/// precompilation (<c>jit</c>, the baseline) and ReadyToRun (<c>r2r</c>). scripts/bench.sh publishes
/// both and names their executables in DLT_BENCH_CLI_JIT and DLT_BENCH_CLI_R2R.
/// </summary>
internal sealed class StartupWorkload : IWorkload
{
    public const string JitVariable = "DLT_BENCH_CLI_JIT";
    public const string ReadyToRunVariable = "DLT_BENCH_CLI_R2R";
    private const int IngestRecords = 10_000;

    public string Name => "startup";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var input = context.NestedInput(IngestRecords);
        var rows = new List<ResultRow>();
        foreach (var command in new[] { "help", "ingest 10k" })
        {
            var jit = await context.MeasureAsync(this, new ChildArgs(Name, $"{command} (jit)").With(ChildArgs.Rows, command == "help" ? 1 : IngestRecords).With(ChildArgs.Input, input)).ConfigureAwait(false);
            var r2r = await context.MeasureAsync(this, new ChildArgs(Name, $"{command} (r2r)").With(ChildArgs.Rows, command == "help" ? 1 : IngestRecords).With(ChildArgs.Input, input)).ConfigureAwait(false);
            rows.Add(jit);
            rows.Add(r2r.Against(jit));
        }

        return rows;
    }

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        var variable = args.Variant.EndsWith("(r2r)", StringComparison.Ordinal) ? ReadyToRunVariable : JitVariable;
        var executable = Environment.GetEnvironmentVariable(variable)
            ?? throw new InvalidOperationException($"{variable} is not set: run the startup workload through scripts/bench.sh, which publishes the tool.");
        string[] arguments = args.Variant.StartsWith("help", StringComparison.Ordinal)
            ? ["--help"]
            : ["ingest", args[ChildArgs.Input], "--dataset", StagedPipeline.DatasetName, "--table", NestedEvents.Table, "--pipelines-dir", Path.Combine(args.Directory, "pipelines")];
        var start = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = args.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DESTINATION__DUCKDB__CREDENTIALS"] = Path.Combine(args.Directory, "startup.duckdb");
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dlt {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}");
        }

        var database = Path.Combine(args.Directory, "startup.duckdb");
        if (File.Exists(database))
        {
            RawDuckDb.ExpectRows(database, NestedEvents.Table, args.RowCount);
        }

        return new Measurement(args.RowCount, seconds, StageSeconds.None, File.Exists(database) ? DiskUsage.OfDatabase(database) : 0);
    }
}
