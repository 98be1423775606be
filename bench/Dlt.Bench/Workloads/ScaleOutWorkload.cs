using System.Diagnostics;
using System.Globalization;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using Dlt.Hangfire;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>scale_out</c>: one partitioned load (the generated events of the scale-out test, no pauses)
/// run as Hangfire jobs (<c>Dlt.Hangfire</c>, Hangfire.PostgreSql storage on the bench's
/// PostgreSQL) by 1, 2 and 4 worker processes, each running one partition at a time, into the
/// bench's PostgreSQL dataset. The workers are real child processes of the variant's child: the
/// scale-out test's worker program (<see cref="ScaleOutWorkerProcesses"/>). The clock runs from
/// enqueuing the run's coordinator job to its success; the workers start (and report ready)
/// before it. Baseline: the 1-worker row.
/// </summary>
internal sealed class ScaleOutWorkload : IWorkload
{
    private const string Partitions = "partitions";
    private const string HangfireSchema = "bench_hangfire";

    /// <summary>The worker counts of the variants, in order; the first is the baseline.</summary>
    private static readonly int[] s_workerCounts = [1, 2, 4];

    public string Name => "scale_out";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var partitions = context.Sizes.ScaleOutPartitions;
        var rows = partitions * context.Sizes.ScaleOutRowsPerPartition;
        var results = new List<ResultRow>();
        foreach (var workers in s_workerCounts)
        {
            var args = new ChildArgs(Name, string.Create(CultureInfo.InvariantCulture, $"workers={workers} rows={Count.Format(rows)}"))
                .With(ChildArgs.Rows, rows)
                .With(Partitions, partitions);
            results.Add(await context.MeasureAsync(this, args).ConfigureAwait(false));
        }

        return [results[0], .. results.Skip(1).Select(row => row.Against(results[0]))];
    }

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        var workers = WorkerCount(args.Variant);
        var partitions = (int)args.GetLong(Partitions);
        var rowsPerPartition = (int)(args.RowCount / partitions);
        var pipelines = Path.Combine(args.Directory, "pipelines");
        RawPostgres.Reset();
        ResetHangfire();

        // The storage's first use creates Hangfire's tables, before the workers race to.
        var storage = PartitionStorage.Postgres(RawPostgres.ConnectionString, HangfireSchema);
        using var processes = new ScaleOutWorkerProcesses(RawPostgres.ConnectionString);

        // One process more than partitions run at a time: the coordinator job, enqueued first, holds
        // the only job slot of the process that takes it for the whole run (it polls its partitions).
        await Task.WhenAll(Enumerable.Range(0, workers + 1).Select(i =>
            processes.StartAsync($"bench-worker-{i}", HangfireSchema, pipelines, StagedPipeline.DatasetName, partitions, rowsPerPartition))).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var coordinator = PartitionRuns.Enqueue(storage, ScaleOutWorkerProcesses.PipelineName, "bench");
        await PartitionRuns.WaitAsync(storage, coordinator, TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;

        var (cpuSeconds, peakRssMb) = processes.Usage();
        RawPostgres.ExpectRows(ScaleOutWorkerProcesses.Table, args.RowCount);
        RawPostgres.ExpectRows("_dlt_loads", partitions);
        return new Measurement(args.RowCount, seconds, StageSeconds.None, RawPostgres.DatasetBytes() + DiskUsage.Of(pipelines))
        {
            ProcessesCpuSeconds = cpuSeconds,
            ProcessesPeakRssMb = peakRssMb,
        };
    }

    private int WorkerCount(string variant)
    {
        var name = variant.Split(' ')[0];
        return name.StartsWith("workers=", StringComparison.Ordinal) && int.TryParse(name["workers=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"Unknown variant '{variant}' of {Name}: expected 'workers=<n> ...'.");
    }

    /// <summary>Drops the Hangfire schema of a previous run (its jobs, servers and locks), outside the clock.</summary>
    private static void ResetHangfire()
    {
        using var db = new RawPostgres();
        db.Execute($"DROP SCHEMA IF EXISTS \"{HangfireSchema}\" CASCADE");
    }
}
