using System.Runtime.CompilerServices;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>io_extract</c>: the extract stage alone over many resources whose every page waits 50 ms,
/// as an API call would. Sync resources block their thread (<c>Thread.Sleep</c>, as a sync HTTP
/// client does) and are spread over <c>extract.workers</c>; async resources await
/// (<c>Task.Delay</c>) with at most <c>extract.max_parallel_items</c> in flight. Each kind is
/// compared with its <c>=1</c> variant, and also run at 20 with <c>next_item_mode=fifo</c>.
/// </summary>
internal sealed class IoExtractWorkload : IWorkload
{
    private const string Resources = "resources";
    private const string Pages = "pages";
    private const string PageSize = "page-size";
    private const string LatencyMs = "latency-ms";

    private static readonly int[] s_parallelism = [1, 5, 20];

    public string Name => "io_extract";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = new List<ResultRow>();
        foreach (var sync in new[] { true, false })
        {
            var kind = new List<ResultRow>();
            foreach (var n in s_parallelism)
            {
                var args = Args(context.Sizes, sync ? $"sync workers={n}" : $"async max_parallel_items={n}");
                kind.Add(await context.MeasureAsync(this, args, Knobs.Of((Parallelism(sync), n))).ConfigureAwait(false));
            }

            rows.AddRange(kind.Select(row => row.Against(kind[0])));
            var fifo = await context.MeasureAsync(this, Args(context.Sizes, $"{Kind(sync)} next_item_mode=fifo"), Knobs.Of((Knobs.ExtractNextItemMode, "fifo"), (Parallelism(sync), s_parallelism[^1]))).ConfigureAwait(false);
            rows.Add(fifo.Against(kind[0]));
        }

        return rows;
    }

    private static string Kind(bool sync) => sync ? "sync" : "async";

    private static string Parallelism(bool sync) => sync ? Knobs.ExtractWorkers : Knobs.ExtractMaxParallelItems;

    private ChildArgs Args(Sizes sizes, string variant) =>
        new ChildArgs(Name, variant)
            .With(ChildArgs.Rows, (long)sizes.IoResources * sizes.IoPages * sizes.IoPageSize)
            .With(Resources, sizes.IoResources)
            .With(Pages, sizes.IoPages)
            .With(PageSize, sizes.IoPageSize)
            .With(LatencyMs, sizes.IoLatencyMs);

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        var sync = args.Variant.StartsWith("sync ", StringComparison.Ordinal);
        var (resources, pages, pageSize, latencyMs) = ((int)args.GetLong(Resources), (int)args.GetLong(Pages), (int)args.GetLong(PageSize), (int)args.GetLong(LatencyMs));
        var source = Source.Create("io_source", [.. Enumerable.Range(0, resources).Select(index =>
        {
            var name = $"resource_{index:D2}";
            return sync
                ? Resource.Create(name, SyncPages(index, pages, pageSize, latencyMs)).Parallelized()
                : Resource.Create(name, AsyncPages(index, pages, pageSize, latencyMs));
        })]);

        var pipeline = new StagedPipeline(args.Directory);
        await pipeline.ExtractAsync(source, cancellationToken).ConfigureAwait(false);
        return pipeline.Result(args.RowCount);
    }

    private static IEnumerable<List<IoItem>> SyncPages(int resource, int pages, int pageSize, int latencyMs)
    {
        for (var page = 0; page < pages; page++)
        {
            Thread.Sleep(latencyMs);
            yield return Page(resource, page, pageSize);
        }
    }

    private static async IAsyncEnumerable<List<IoItem>> AsyncPages(int resource, int pages, int pageSize, int latencyMs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 0; page < pages; page++)
        {
            await Task.Delay(latencyMs, cancellationToken).ConfigureAwait(false);
            yield return Page(resource, page, pageSize);
        }
    }

    private static List<IoItem> Page(int resource, int page, int pageSize)
    {
        var items = new List<IoItem>(pageSize);
        for (var i = 0; i < pageSize; i++)
        {
            var id = (((long)resource * 1_000_000) + ((long)page * pageSize)) + i;
            items.Add(new IoItem(id, page, "payload of item " + id, DateTime.UnixEpoch.AddSeconds(id)));
        }

        return items;
    }

    /// <summary>An item of an API page.</summary>
    private sealed record IoItem(long Id, int Page, string Payload, DateTime UpdatedAt);
}
