using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Dlt.Configuration;
using Dlt.Pipelines;

namespace Dlt;

/// <summary>
/// What the last <c>RunAsync</c>, <c>ExtractAsync</c>, <c>NormalizeAsync</c> or <c>LoadAsync</c>
/// calls did, step by step (dlt's <c>pipeline.last_trace</c>), saved as <see cref="FileName"/> in the
/// working dir after every call. A run replaces the trace; a single-step call adds its step to it, as
/// dlt merges them. A run that first finishes pending packages lists those steps before its extract.
/// </summary>
/// <param name="PipelineName">The pipeline.</param>
/// <param name="StartedAt">When the call started.</param>
/// <param name="FinishedAt">When it returned or failed.</param>
/// <param name="Steps">The steps in the order they ran.</param>
public sealed record PipelineTrace(string PipelineName, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<PipelineStepTrace> Steps)
{
    /// <summary>The name of the trace file in a pipeline's working dir.</summary>
    public const string FileName = "trace.json";

    /// <summary>Identifies the call that started this trace.</summary>
    public string TransactionId { get; init; } = "";

    /// <summary>Where the call ran: processors, operating system, .NET and library versions.</summary>
    public TraceExecutionContext? ExecutionContext { get; init; }

    /// <summary>The performance settings the steps ran with.</summary>
    public TraceSettings? Settings { get; init; }

    /// <summary>Configuration values found in a provider (the defaults are not listed); secret values are hidden.</summary>
    public IReadOnlyList<ResolvedConfigValue> ResolvedConfigValues { get; init; } = [];

    /// <summary>What held the run back and the setting to change, from the measured figures (docs/performance.md).</summary>
    public IReadOnlyList<Bottleneck> Bottlenecks { get; init; } = [];

    /// <summary>The whole call.</summary>
    [JsonIgnore]
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Reads the trace saved in <paramref name="workingDirectory"/>; null when no call saved one yet.</summary>
    /// <exception cref="InvalidDataException">The file is not a trace.</exception>
    public static PipelineTrace? Read(string workingDirectory) => TraceFile.Read(Path.Combine(workingDirectory, FileName));

    /// <summary>The trace as the JSON written to <see cref="FileName"/> (snake_case keys, as dlt names them).</summary>
    public string ToJson() => TraceFile.Serialize(this);

    /// <summary>
    /// The run and its steps as dlt prints a trace: <c>Run started at ... and COMPLETED in 1.50 seconds with 3 steps.</c>,
    /// then one line per step, then the bottlenecks found.
    /// </summary>
    public override string ToString()
    {
        var outcome = Steps.Count > 0 && Steps[^1].Failed ? "FAILED" : "COMPLETED";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run of pipeline {PipelineName} started at {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00:00 and {outcome} in {FormatDuration(Duration)} with {Steps.Count} step{(Steps.Count == 1 ? "" : "s")}.");
        foreach (var step in Steps)
        {
            text.Append('\n').Append(step);
        }

        foreach (var bottleneck in Bottlenecks)
        {
            text.Append("\nBottleneck: ").Append(bottleneck.Message);
        }

        return text.ToString();
    }

    /// <summary>A duration as dlt prints one (humanize's precisedelta): <c>2.35 seconds</c>, <c>1 minute and 0.50 seconds</c>.</summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        var culture = CultureInfo.InvariantCulture;
        var hours = (int)duration.TotalHours;
        var minutes = duration.Minutes;
        var seconds = duration.TotalSeconds - (hours * 3600) - (minutes * 60);
        var parts = new List<string>(3);
        if (hours > 0)
        {
            parts.Add(string.Create(culture, $"{hours} hour{(hours == 1 ? "" : "s")}"));
        }

        if (minutes > 0)
        {
            parts.Add(string.Create(culture, $"{minutes} minute{(minutes == 1 ? "" : "s")}"));
        }

        parts.Add(string.Create(culture, $"{seconds:0.00} seconds"));
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
    }
}

/// <summary>
/// One step of a <see cref="PipelineTrace"/>: <c>extract</c>, <c>normalize</c> or <c>load</c>, with
/// what it did per load package. When <c>RunAsync</c> normalizes alongside extract, the normalize
/// step is what remained after extract ended.
/// </summary>
/// <param name="Step">The step's name, as dlt names it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Failed">Whether it threw.</param>
public sealed record PipelineStepTrace(string Step, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Failed)
{
    /// <summary>The error's message when the step failed (dlt's <c>step_exception</c>).</summary>
    public string? StepException { get; init; }

    /// <summary>The type of the innermost error when the step failed.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>CPU time the process used during the step, in seconds (all threads).</summary>
    public double CpuSeconds { get; init; }

    /// <summary>The process's peak working set when the step ended, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>The load packages the step extracted, normalized or loaded.</summary>
    public IReadOnlyList<TracePackage> Packages { get; init; } = [];

    /// <summary>How long the step took.</summary>
    [JsonIgnore]
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The step as dlt prints it: <c>Step load COMPLETED in 0.42 seconds.</c></summary>
    public override string ToString() =>
        $"Step {Step} {(Failed ? "FAILED" : "COMPLETED")} in {PipelineTrace.FormatDuration(Duration)}.";
}
