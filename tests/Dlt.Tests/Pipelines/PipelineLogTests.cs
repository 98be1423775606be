using Dlt.Tests.Support;

namespace Dlt.Tests.Pipelines;

public sealed class PipelineLogTests
{
    [Fact]
    public async Task At_info_level_each_step_logs_its_package_in_dlt_format()
    {
        // Given RUNTIME__LOG_LEVEL=INFO
        var log = new StringWriter();
        using var run = new NormalizeRun(new PipelineOptions { LogOutput = log, EnvironmentVariables = new Dictionary<string, string> { ["RUNTIME__LOG_LEVEL"] = "INFO" } });

        // When
        await run.ExtractAndNormalizeAsync(Resource.Create("users", Json.Items("""{"id": 1, "tags": ["a", "b"]}""")));

        // Then
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains($"|[INFO]|", StringComparison.Ordinal) && l.EndsWith($"|dlt|t|Extracted load package {run.LastLoadId}: 2 items into 2 table(s) of schema t.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"Normalized load package {run.LastLoadId}: 4 rows in 3 table(s).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_the_default_warning_level_a_normal_run_logs_nothing()
    {
        // Given no log level set
        var log = new StringWriter();
        using var run = new NormalizeRun(new PipelineOptions { LogOutput = log, EnvironmentVariables = new Dictionary<string, string>() });

        // When
        await run.ExtractAndNormalizeAsync(Resource.Create("users", Json.Items("""{"id": 1}""")));

        // Then
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public async Task Pending_packages_are_reported_as_a_warning_before_the_new_data()
    {
        // Given a package extracted earlier and never loaded
        var log = new StringWriter();
        using var run = new NormalizeRun(new PipelineOptions { LogOutput = log, EnvironmentVariables = new Dictionary<string, string>() });
        await run.Pipeline.ExtractAsync([Resource.Create("users", Json.Items("""{"id": 1}"""))]);

        // When
        await run.Pipeline.RunAsync(Resource.Create("users", Json.Items("""{"id": 2}""")));

        // Then
        Assert.Contains("|[WARNING]|", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("Found 1 pending load package(s) from an earlier run; finishing them before extracting the new data.", log.ToString(), StringComparison.Ordinal);
    }
}
