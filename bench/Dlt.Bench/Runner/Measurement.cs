namespace Dlt.Bench.Runner;

/// <summary>What a child measured of its own work; the parent adds CPU time and peak RSS.</summary>
/// <param name="Rows">Source rows (records, for nested workloads) moved.</param>
/// <param name="Seconds">Wall time of the measured work (the sum of the stages, for pipelines).</param>
/// <param name="Stages">Wall time of each pipeline stage that ran; null for stages that did not.</param>
/// <param name="BytesOnDisk">Bytes the run wrote: intermediary packages and the database file.</param>
internal sealed record Measurement(long Rows, double Seconds, StageSeconds Stages, long BytesOnDisk)
{
    /// <summary>For the CPU-spin probe: the machine's 1-thread time over its 2-thread time for the same work.</summary>
    public double? CpuSpinRatio { get; init; }

    /// <summary>For <c>scale_out</c>: the user + system CPU of the worker processes this child started, added to its own.</summary>
    public double? ProcessesCpuSeconds { get; init; }

    /// <summary>For <c>scale_out</c>: the largest peak resident set of one of the worker processes this child started.</summary>
    public double? ProcessesPeakRssMb { get; init; }
}

/// <summary>Wall time of each stage, in seconds.</summary>
internal sealed record StageSeconds(double? Extract, double? Normalize, double? Load)
{
    public static readonly StageSeconds None = new(null, null, null);
}
