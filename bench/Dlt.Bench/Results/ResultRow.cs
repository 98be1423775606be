using System.Text.Json.Serialization;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Results;

/// <summary>One row of the table and of bench/results/latest.json.</summary>
internal sealed record ResultRow
{
    public required string Workload { get; init; }

    public required string Variant { get; init; }

    /// <summary>Source rows (records, for nested workloads).</summary>
    public long Rows { get; init; }

    public double? Seconds { get; init; }

    public double? RowsPerS { get; init; }

    /// <summary>User plus system CPU time of the whole child process (and of the worker processes it started, for <c>scale_out</c>).</summary>
    public double? CpuS { get; init; }

    /// <summary>The child process's peak resident set (VmHWM); for <c>scale_out</c>, the largest of the child's and of each worker process's.</summary>
    public double? PeakRssMb { get; init; }

    public long BytesOnDisk { get; init; }

    public StageSeconds StageSeconds { get; init; } = StageSeconds.None;

    /// <summary>The variant this row is compared with; null on a baseline's own row.</summary>
    public string? Baseline { get; init; }

    public double? BaselineRowsPerS { get; init; }

    /// <summary><see cref="RowsPerS"/> over <see cref="BaselineRowsPerS"/>.</summary>
    public double? Ratio { get; init; }

    /// <summary>normalize_scaling only: the machine's own 1-vs-2-thread CPU-spin ratio, the ceiling for <see cref="Ratio"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuSpinRatio { get; init; }

    /// <summary>The knobs the variant set, as the environment variables its child got.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = Knobs.Defaults;

    /// <summary>When the row is the median of several runs of the variant: every run's <see cref="Seconds"/>, in run order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? RunSeconds { get; init; }

    /// <summary>Why the variant has no figures, when its child failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    public static ResultRow From(string workload, string variant, ChildOutcome outcome, IReadOnlyDictionary<string, string> knobs)
    {
        var measurement = outcome.Measurement;
        return new ResultRow
        {
            Workload = workload,
            Variant = variant,
            Rows = measurement?.Rows ?? 0,
            Seconds = measurement is null ? null : Math.Round(measurement.Seconds, 3),
            RowsPerS = measurement is { Seconds: > 0 } m ? Math.Round(m.Rows / m.Seconds, 1) : null,
            CpuS = outcome.CpuSeconds is { } cpu ? Math.Round(cpu + (measurement?.ProcessesCpuSeconds ?? 0), 2) : null,
            PeakRssMb = outcome.PeakRssMb is { } rss ? Math.Round(Math.Max(rss, measurement?.ProcessesPeakRssMb ?? 0), 1) : null,
            BytesOnDisk = measurement?.BytesOnDisk ?? 0,
            StageSeconds = measurement?.Stages is { } s
                ? new StageSeconds(Round(s.Extract), Round(s.Normalize), Round(s.Load))
                : StageSeconds.None,
            CpuSpinRatio = measurement?.CpuSpinRatio,
            Settings = knobs,
            Error = outcome.Error,
        };
    }

    /// <summary>This row compared with <paramref name="baseline"/>.</summary>
    public ResultRow Against(ResultRow baseline) => this with
    {
        Baseline = baseline.Variant,
        BaselineRowsPerS = baseline.RowsPerS,
        Ratio = RowsPerS is { } mine && baseline.RowsPerS is { } theirs && theirs > 0 ? Math.Round(mine / theirs, 3) : null,
    };

    /// <summary>
    /// The run of median wall time among <paramref name="runs"/> (runs of one variant; a failed run
    /// is returned as it is), carrying every run's time.
    /// </summary>
    public static ResultRow Median(IReadOnlyList<ResultRow> runs)
    {
        if (runs.FirstOrDefault(r => r.Error is not null) is { } failed)
        {
            return failed;
        }

        var median = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
        return median with { RunSeconds = [.. runs.Select(r => r.Seconds ?? 0)] };
    }

    private static double? Round(double? seconds) => seconds is { } value ? Math.Round(value, 3) : null;
}
