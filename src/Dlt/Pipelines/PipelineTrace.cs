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
}
