using Dlt.Progress;
using Dlt.Tests.Support;

namespace Dlt.Tests.Progress;

public sealed class LogProgressReporterTests
{
    [Fact]
    public void Prints_a_centered_header_then_each_counter_with_total_percent_time_and_rate()
    {
        // Given a step two seconds in, with one counter that has a total and one that has not
        var clock = new ManualClock();
        var output = new StringWriter();
        var collector = new LogProgressReporter(output, TimeSpan.FromSeconds(1), clock);
        collector.StartStep("Extract shop");
        var resources = collector.Counter("Resources", total: 4);
        var orders = collector.Counter("orders");
        clock.Advance(TimeSpan.FromSeconds(2));

        // When
        resources.Add();
        orders.Add(500);
        collector.EndStep();

        // Then the first lines are dlt's log collector lines
        var lines = output.ToString().Split('\n');
        Assert.Equal("--------------------------------- Extract shop ---------------------------------", lines[0]);
        Assert.Equal(80, lines[0].Length);
        Assert.Equal("Resources: 1/4 (25.0%) | Time: 2.00s | Rate: 0.50/s", lines[1]);
        Assert.Equal("orders: 500 | Time: 2.00s | Rate: 250.00/s", lines[^4]);
        Assert.StartsWith("Memory usage: ", lines[^3], StringComparison.Ordinal);
        Assert.Contains(" MB (", lines[^3], StringComparison.Ordinal);
        Assert.Contains("| CPU usage: ", lines[^3], StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_at_most_once_per_log_period_and_once_at_step_end()
    {
        // Given
        var clock = new ManualClock();
        var output = new StringWriter();
        var collector = new LogProgressReporter(output, TimeSpan.FromSeconds(1), clock);
        collector.StartStep("Load shop in 1");
        var jobs = collector.Counter("Jobs", total: 10);

        // When many updates arrive within one period, then one after it, then the step ends
        for (var i = 0; i < 5; i++)
        {
            jobs.Add();
        }

        clock.Advance(TimeSpan.FromSeconds(1.5));
        jobs.Add();
        jobs.Add();
        collector.EndStep();

        // Then there is one block for the period and one for the end
        var headers = output.ToString().Split('\n').Count(l => l.Contains(" Load shop in 1 ", StringComparison.Ordinal));
        Assert.Equal(2, headers);
        Assert.Contains("Jobs: 6/10 (60.0%)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Jobs: 7/10 (70.0%)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_with_progress_log_reports_every_step()
    {
        // Given
        var output = new StringWriter();
        using var run = new NormalizeRun(new PipelineOptions { ProgressOutput = output, EnvironmentVariables = new Dictionary<string, string> { ["PROGRESS"] = "log" } });

        // When
        await run.ExtractAndNormalizeAsync(Resource.Create("users", Json.Items("""{"id": 1, "tags": ["a", "b"]}""")));

        // Then
        var text = output.ToString();
        Assert.Contains(" Extract t ", text, StringComparison.Ordinal);
        Assert.Contains("Resources: 1/1 (100.0%)", text, StringComparison.Ordinal);
        Assert.Contains($" Normalize t in {run.LastLoadId} ", text, StringComparison.Ordinal);
        Assert.Contains("users__tags: 2 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_progress_name_is_rejected()
    {
        var error = Assert.Throws<ConfigException>(() => new NormalizeRun(new PipelineOptions { EnvironmentVariables = new Dictionary<string, string> { ["PROGRESS"] = "fancy" } }));
        Assert.Contains("PROGRESS", error.Message, StringComparison.Ordinal);
        Assert.Contains("fancy", error.Message, StringComparison.Ordinal);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
