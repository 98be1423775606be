using Dlt.Bench.Data;

namespace Dlt.Bench.Workloads;

/// <summary>The workloads, in the order they run and appear in the table.</summary>
internal static class WorkloadCatalog
{
    public static readonly IReadOnlyList<IWorkload> All =
    [
        new FlatWorkload(),
        new FlatLoadWorkload(),
        new NestedWorkload(),
        new IoExtractWorkload(),
        new NormalizeScalingWorkload(),
        new MemoryWorkload(),
        new CompressionWorkload(),
        new ScalingWorkload(),
        new JsonWorkload(JsonBaselineSql.Flat),
        new JsonWorkload(JsonBaselineSql.Nested),
        new MergeWorkload(),
        new IngestWorkload(),
        new StartupWorkload(),
        new RestSourceWorkload(),
        new ProgressWorkload(),
        new ScaleOutWorkload(),
    ];

    public static IWorkload Find(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"Unknown workload '{name}'. Known: {string.Join(", ", All.Select(w => w.Name))}.");
}
