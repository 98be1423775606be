using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>memory</c>: the flat workload end to end at defaults with two row counts (peak RSS should
/// not grow with the data), and at the smaller count with <c>buffer_max_items</c> 1,000 and
/// 100,000 (the buffer bounds the rows held per writer), with files rotated by
/// <c>file_max_items</c> (a tenth of the rows) and by <c>file_max_bytes</c> (10 MB), and with
/// <c>PROGRESS=log</c>, and with the intermediary files on tmpfs (<c>DLT_DATA_DIR</c>); and at the larger count with DuckDB's <c>memory_limit</c> at 1 GB instead
/// of the default (a larger buffer pool: faster load, more memory). Read the peak RSS column.
/// </summary>
internal sealed class MemoryWorkload : IWorkload
{
    private const string LargeMemoryLimit = "1GB";
    private const long FileMaxBytes = 10_000_000;
    private const string SharedMemory = "/dev/shm";

    private static readonly int[] s_bufferMaxItems = [1_000, 100_000];

    public string Name => "memory";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = new List<ResultRow>();
        foreach (var count in context.Sizes.MemoryRows)
        {
            rows.Add(await context.MeasureAsync(this, new ChildArgs(Name, $"rows={Count.Format(count)}").With(ChildArgs.Rows, count)).ConfigureAwait(false));
        }

        foreach (var items in s_bufferMaxItems)
        {
            var args = new ChildArgs(Name, $"buffer_max_items={items}").With(ChildArgs.Rows, context.Sizes.MemoryRows[0]);
            rows.Add(await context.MeasureAsync(this, args, Knobs.Of((Knobs.BufferMaxItems, items))).ConfigureAwait(false));
        }

        var small = context.Sizes.MemoryRows[0];
        var rotated = (Knobs.FileMaxItems, small / 10);
        rows.Add(await context.MeasureAsync(this, new ChildArgs(Name, $"file_max_items={small / 10}").With(ChildArgs.Rows, small), Knobs.Of(rotated)).ConfigureAwait(false));
        rows.Add(await context.MeasureAsync(this, new ChildArgs(Name, $"file_max_bytes={FileMaxBytes}").With(ChildArgs.Rows, small), Knobs.Of((Knobs.FileMaxBytes, FileMaxBytes))).ConfigureAwait(false));
        rows.Add(await context.MeasureAsync(this, new ChildArgs(Name, "progress=log").With(ChildArgs.Rows, small), Knobs.Of((Knobs.Progress, "log"))).ConfigureAwait(false));

        if (Directory.Exists(SharedMemory))
        {
            rows.Add(await MeasureOnTmpfsAsync(context, small).ConfigureAwait(false));
        }

        var large = context.Sizes.MemoryRows[^1];
        var limited = new ChildArgs(Name, $"rows={Count.Format(large)} memory_limit={LargeMemoryLimit}").With(ChildArgs.Rows, large);
        rows.Add(await context.MeasureAsync(this, limited, Knobs.Of((Knobs.DuckDbMemoryLimit, LargeMemoryLimit))).ConfigureAwait(false));
        return rows;
    }

    /// <summary>The intermediary files moved to memory (<c>DLT_DATA_DIR</c> on tmpfs); the DuckDB file stays in the run folder.</summary>
    private async Task<ResultRow> MeasureOnTmpfsAsync(BenchContext context, long rows)
    {
        var dataDirectory = Path.Combine(SharedMemory, $"dlt-bench-{Environment.ProcessId}");
        try
        {
            return await context.MeasureAsync(this, new ChildArgs(Name, "DLT_DATA_DIR=tmpfs").With(ChildArgs.Rows, rows), Knobs.Of((Knobs.DataDir, dataDirectory))).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken) =>
        FlatWorkload.RunPipelineAsync(args.Directory, args.RowCount, cancellationToken);
}
