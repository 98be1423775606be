using Dlt.Configuration;
using Dlt.Progress;
using Dlt.Tests.Support;
using Spectre.Console.Testing;

namespace Dlt.Tests.Progress;

public sealed class BarsProgressReporterTests
{
    private static TestConsole Terminal() => new TestConsole().Interactive().Width(160);

    [Fact]
    public void Draws_a_live_display_per_step_with_counts_totals_rates_memory_and_cpu()
    {
        // Given a terminal and a step with a counter that has a total and one that has not
        using var console = Terminal();
        var bars = new BarsProgressReporter(console, TimeSpan.FromMilliseconds(10), TimeProvider.System);
        bars.StartStep("Extract shop");
        var resources = bars.Counter("Resources", total: 4);
        var orders = bars.Counter("orders");

        // When
        resources.Add(3);
        orders.Add(500);
        Thread.Sleep(100);
        resources.Add();
        bars.EndStep();

        // Then the display shows the step, each counter with its count (and total and percent), a rate, and the process figures
        var screen = console.Output;
        Assert.Contains("Extract shop", screen, StringComparison.Ordinal);
        Assert.Contains("Resources", screen, StringComparison.Ordinal);
        Assert.Contains("4/4", screen, StringComparison.Ordinal);
        Assert.Contains("100%", screen, StringComparison.Ordinal);
        Assert.Contains("orders", screen, StringComparison.Ordinal);
        Assert.Contains("500", screen, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d\d/s", screen);
        Assert.Contains("Memory usage:", screen, StringComparison.Ordinal);
        Assert.Contains("CPU usage:", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("-- Extract shop --", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_counter_shows_its_label_and_message()
    {
        // Given
        using var console = Terminal();
        var bars = new BarsProgressReporter(console, TimeSpan.FromMilliseconds(10), TimeProvider.System);
        bars.StartStep("Load shop in 1764000000.1");
        bars.Counter("Jobs", total: 2).Add();

        // When
        bars.Counter("Jobs", label: "Failed", message: "WARNING: Some of the jobs failed!").Add();
        bars.Close();

        // Then
        Assert.Contains("Jobs (Failed) WARNING: Some of the jobs failed!", console.Output, StringComparison.Ordinal);
        Assert.Contains("1/2", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProgressCollector.Bars)]
    [InlineData(ProgressCollector.Tqdm)]
    [InlineData(ProgressCollector.Enlighten)]
    [InlineData(ProgressCollector.AliveProgress)]
    public void Bar_collectors_draw_bars_on_a_terminal_and_print_the_log_lines_elsewhere(ProgressCollector collector)
    {
        using var console = Terminal();
        var settings = new ProgressSettings();

        Assert.IsType<BarsProgressReporter>(ProgressReporters.Create(collector, settings, TimeProvider.System, logOutput: null, console));
        Assert.IsType<LogProgressReporter>(ProgressReporters.Create(collector, settings, TimeProvider.System, logOutput: new StringWriter(), console: null));
        Assert.IsType<LogProgressReporter>(ProgressReporters.Create(ProgressCollector.Log, settings, TimeProvider.System, logOutput: null, console));
        Assert.Same(ProgressReporter.None, ProgressReporters.Create(ProgressCollector.None, settings, TimeProvider.System, logOutput: null, console));
    }

    [Fact]
    public void Off_a_terminal_the_bar_collectors_print_the_log_lines()
    {
        // Given standard output is redirected (as under dotnet test), no console and no writer given
        Assert.True(Console.IsOutputRedirected);

        // When
        var reporter = ProgressReporters.Create(ProgressCollector.Tqdm, new ProgressSettings(), TimeProvider.System, logOutput: null, console: null);

        // Then
        Assert.IsType<LogProgressReporter>(reporter);
    }

    [Fact]
    public async Task A_pipeline_with_progress_bars_draws_the_extract_and_normalize_steps_with_their_tables()
    {
        // Given PROGRESS=bars and a terminal
        using var console = Terminal();
        using var run = new NormalizeRun(new PipelineOptions
        {
            ProgressConsole = console,
            EnvironmentVariables = new Dictionary<string, string> { ["PROGRESS"] = "bars" },
        });

        // When
        await run.ExtractAndNormalizeAsync(Resource.Create("users", Json.Items("""{"id": 1, "tags": ["a", "b"]}""", """{"id": 2}""")));

        // Then
        var screen = console.Output;
        Assert.Contains("Extract t", screen, StringComparison.Ordinal);
        Assert.Contains("Normalize t in " + run.LastLoadId, screen, StringComparison.Ordinal);
        Assert.Contains("users__tags", screen, StringComparison.Ordinal);
        Assert.Contains("Files", screen, StringComparison.Ordinal);
        Assert.Contains("1/1", screen, StringComparison.Ordinal);
    }
}
