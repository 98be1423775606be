namespace Dlt.Bench.Runner;

/// <summary>
/// How much data each workload moves. <see cref="Full"/> holds the sizes of issue 4;
/// <see cref="Quick"/> the smaller ones of <c>--quick</c> (bench/README.md lists both).
/// </summary>
internal sealed record Sizes
{
    public static readonly Sizes Full = new()
    {
        FlatRows = 5_000_000,
        NestedRecords = 1_000_000,
        IoResources = 40,
        IoPages = 10,
        NormalizeRecords = 1_000_000,
        MemoryRows = [1_000_000, 10_000_000],
        CompressionRows = 1_000_000,
        ScalingRecords = [100_000, 1_000_000, 3_000_000],
        CpuSpinIterations = 1_500_000_000,
        JsonFlatRecords = 1_000_000,
        JsonNestedRecords = 200_000,
        MergeExistingRows = 1_000_000,
        MergeLoadRows = 100_000,
        ScaleOutPartitions = 16,
        ScaleOutRowsPerPartition = 20_000,
    };

    public static readonly Sizes Quick = new()
    {
        FlatRows = 300_000,
        NestedRecords = 100_000,
        IoResources = 40,
        IoPages = 2,
        NormalizeRecords = 50_000,
        MemoryRows = [100_000, 500_000],
        CompressionRows = 100_000,
        ScalingRecords = [10_000, 30_000, 100_000],
        CpuSpinIterations = 300_000_000,
        JsonFlatRecords = 100_000,
        JsonNestedRecords = 20_000,
        MergeExistingRows = 100_000,
        MergeLoadRows = 10_000,
        ScaleOutPartitions = 8,
        ScaleOutRowsPerPartition = 5_000,
    };

    /// <summary>Rows of <c>flat</c> and <c>flat_load</c>.</summary>
    public long FlatRows { get; init; }

    /// <summary>Source records of <c>nested</c>.</summary>
    public long NestedRecords { get; init; }

    /// <summary>Resources of <c>io_extract</c>.</summary>
    public int IoResources { get; init; }

    /// <summary>Pages per resource of <c>io_extract</c>.</summary>
    public int IoPages { get; init; }

    /// <summary>Items per page of <c>io_extract</c>.</summary>
    public int IoPageSize { get; init; } = 100;

    /// <summary>The latency of every page of <c>io_extract</c>.</summary>
    public int IoLatencyMs { get; init; } = 50;

    /// <summary>Source records of <c>normalize_scaling</c>.</summary>
    public long NormalizeRecords { get; init; }

    /// <summary>Interleaved runs per variant of <c>normalize_scaling</c>; the median is reported.</summary>
    public int NormalizeRuns { get; init; } = 3;

    /// <summary>The two row counts of <c>memory</c> at defaults; the buffer variants use the first.</summary>
    public IReadOnlyList<long> MemoryRows { get; init; } = [];

    /// <summary>Rows of <c>compression</c> (the flat workload).</summary>
    public long CompressionRows { get; init; }

    /// <summary>The record counts of <c>scaling</c> (the nested workload).</summary>
    public IReadOnlyList<long> ScalingRecords { get; init; } = [];

    /// <summary>Rows already in the table (with two child rows each) before the measured load of <c>merge</c>.</summary>
    public long MergeExistingRows { get; init; }

    /// <summary>Rows of the measured load of <c>merge</c>; half of them update existing keys.</summary>
    public long MergeLoadRows { get; init; }

    /// <summary>Partitions of <c>scale_out</c>.</summary>
    public int ScaleOutPartitions { get; init; }

    /// <summary>Events per partition of <c>scale_out</c>.</summary>
    public int ScaleOutRowsPerPartition { get; init; }

    /// <summary>Spin-loop iterations of one CPU-spin measurement (about 1 ns each).</summary>
    public long CpuSpinIterations { get; init; }

    /// <summary>Records of <c>json_flat</c> (gen_data.py's flat kind).</summary>
    public long JsonFlatRecords { get; init; }

    /// <summary>Records of <c>json_nested</c> (gen_data.py's nested kind).</summary>
    public long JsonNestedRecords { get; init; }

    /// <summary>Records of the short runs of <c>json_flat</c> and <c>json_nested</c> (the fixed start-up cost).</summary>
    public long JsonShortRecords { get; init; } = 10_000;
}
