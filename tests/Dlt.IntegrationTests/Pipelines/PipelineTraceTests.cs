using Dlt.TestKit;

namespace Dlt.IntegrationTests.Pipelines;

public sealed class PipelineTraceTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_run_traces_extract_normalize_and_load_in_order()
    {
        // Given
        var pipeline = _dir.CreatePipeline();
        Assert.Null(pipeline.LastTrace);

        // When
        await pipeline.RunAsync(Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 1 } }));

        // Then
        var trace = Assert.IsType<PipelineTrace>(pipeline.LastTrace);
        Assert.Equal("test_pipeline", trace.PipelineName);
        Assert.Equal(["extract", "normalize", "load"], trace.Steps.Select(s => s.Step));
        Assert.All(trace.Steps, s => Assert.False(s.Failed));
        Assert.All(trace.Steps.Zip(trace.Steps.Skip(1)), pair => Assert.True(pair.First.FinishedAt <= pair.Second.StartedAt));
        Assert.True(trace.StartedAt <= trace.Steps[0].StartedAt && trace.Steps[^1].FinishedAt <= trace.FinishedAt);
    }

    [Fact]
    public async Task Each_step_call_replaces_the_trace_with_its_own_step_and_a_failure_is_marked()
    {
        // Given
        var pipeline = _dir.CreatePipeline();
        await pipeline.ExtractAsync([Resource.Create("items", new[] { new Dictionary<string, object?> { ["id"] = 1 } })]);
        Assert.Equal(["extract"], pipeline.LastTrace!.Steps.Select(s => s.Step));
        await pipeline.NormalizeAsync();
        Assert.Equal(["normalize"], pipeline.LastTrace!.Steps.Select(s => s.Step));
        await pipeline.LoadAsync();
        Assert.Equal(["load"], pipeline.LastTrace!.Steps.Select(s => s.Step));

        // When a run fails in extract
        static IEnumerable<Dictionary<string, object?>> Broken()
        {
            yield return new() { ["id"] = 1 };
            throw new InvalidOperationException("gone");
        }

        await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("broken", Broken())));

        // Then its trace ends with the failed extract
        var failed = Assert.Single(pipeline.LastTrace!.Steps);
        Assert.Equal(("extract", true), (failed.Step, failed.Failed));
    }
}
