namespace Dlt.Tests.Pipelines;

/// <summary>A trace prints as dlt's PipelineTrace.asstr / PipelineStepTrace.asstr (dlt/pipeline/trace.py) do, with its steps.</summary>
public sealed class PipelineTraceTests
{
    [Fact]
    public void A_trace_prints_its_outcome_duration_and_each_step()
    {
        // Given
        var start = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var trace = new PipelineTrace(
            "orders",
            start,
            start.AddSeconds(62.5),
            [
                new PipelineStepTrace("extract", start, start.AddSeconds(1.25), Failed: false),
                new PipelineStepTrace("normalize", start.AddSeconds(1.25), start.AddSeconds(2), Failed: false),
                new PipelineStepTrace("load", start.AddSeconds(2), start.AddSeconds(62.5), Failed: true),
            ]);

        // When
        var text = trace.ToString();

        // Then
        Assert.Equal(
            "Run of pipeline orders started at 2026-03-04 05:06:07.000000+00:00 and FAILED in 1 minute and 2.50 seconds with 3 steps.\n"
            + "Step extract COMPLETED in 1.25 seconds.\n"
            + "Step normalize COMPLETED in 0.75 seconds.\n"
            + "Step load FAILED in 1 minute and 0.50 seconds.",
            text);
    }
}
