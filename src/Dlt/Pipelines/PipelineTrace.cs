namespace Dlt;

/// <summary>
/// What the last <c>RunAsync</c>, <c>ExtractAsync</c>, <c>NormalizeAsync</c> or <c>LoadAsync</c>
/// call did, step by step (dlt's <c>pipeline.last_trace</c>). A run that first finishes pending
/// packages lists those normalize and load steps before its own extract.
/// </summary>
/// <param name="PipelineName">The pipeline.</param>
/// <param name="StartedAt">When the call started.</param>
/// <param name="FinishedAt">When it returned or failed.</param>
/// <param name="Steps">The steps in the order they ran.</param>
public sealed record PipelineTrace(string PipelineName, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<PipelineStepTrace> Steps)
{
    /// <summary>The whole call.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>
    /// The run and its steps as dlt prints a trace: <c>Run started at ... and COMPLETED in 1.50 seconds with 3 steps.</c>,
    /// then one line per step.
    /// </summary>
    public override string ToString()
    {
        var outcome = Steps.Count > 0 && Steps[^1].Failed ? "FAILED" : "COMPLETED";
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Run of pipeline {PipelineName} started at {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00:00 and {outcome} in {FormatDuration(Duration)} with {Steps.Count} step{(Steps.Count == 1 ? "" : "s")}.");
        foreach (var step in Steps)
        {
            text.Append('\n').Append(step);
        }

        return text.ToString();
    }

    /// <summary>A duration as dlt prints one (humanize's precisedelta): <c>2.35 seconds</c>, <c>1 minute and 0.50 seconds</c>.</summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
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
/// One step of a <see cref="PipelineTrace"/>: <c>extract</c>, <c>normalize</c> or <c>load</c>.
/// When <c>RunAsync</c> normalizes alongside extract, the normalize step is what remained after
/// extract ended.
/// </summary>
/// <param name="Step">The step's name, as dlt names it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Failed">Whether it threw.</param>
public sealed record PipelineStepTrace(string Step, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Failed)
{
    /// <summary>How long the step took.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The step as dlt prints it: <c>Step load COMPLETED in 0.42 seconds.</c></summary>
    public override string ToString() =>
        $"Step {Step} {(Failed ? "FAILED" : "COMPLETED")} in {PipelineTrace.FormatDuration(Duration)}.";
}
