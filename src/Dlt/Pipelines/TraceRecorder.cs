namespace Dlt.Pipelines;

/// <summary>Times the steps of one pipeline call into a <see cref="PipelineTrace"/>.</summary>
internal sealed class TraceRecorder(string pipelineName, TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly List<PipelineStepTrace> _steps = [];

    public const string Extract = "extract";
    public const string Normalize = "normalize";
    public const string Load = "load";

    public async Task<T> StepAsync<T>(string step, Func<Task<T>> run)
    {
        var startedAt = time.GetUtcNow();
        var failed = true;
        try
        {
            var result = await run().ConfigureAwait(false);
            failed = false;
            return result;
        }
        finally
        {
            _steps.Add(new PipelineStepTrace(step, startedAt, time.GetUtcNow(), failed));
        }
    }

    public void Step(string step, Action run) =>
        StepAsync(step, () =>
        {
            run();
            return Task.FromResult(true);
        }).GetAwaiter().GetResult();

    public PipelineTrace Finish() => new(pipelineName, _startedAt, time.GetUtcNow(), [.. _steps]);
}
