using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.State;

/// <summary>
/// dlt's pipeline keys from configuration (<c>PipelineConfiguration</c>: <c>restore_from_destination</c>,
/// <c>dev_mode</c>, <c>refresh</c> in <c>[pipelines.&lt;name&gt;]</c>, <c>[pipelines]</c> or the top level),
/// values given in code winning; and a refresh for one run only, as dlt's <c>run(..., refresh=...)</c>.
/// </summary>
public sealed class PipelineConfigKeysTests
{
    private static Resource Ticks(params int[] ids) =>
        Resource.Create("ticks", Json.Items([.. ids.Select(i => $$"""{"id": {{i}}}""")])).WithIncremental(new Incremental<long>("id"));

    private static Pipeline CreatePipeline(TestDestination destination, Dictionary<string, string> environment, Func<PipelineOptions, PipelineOptions>? configure = null)
    {
        environment["DLT_PROJECT_DIR"] = destination.Root;
        return destination.CreatePipeline(options => (configure ?? (o => o))(options with { EnvironmentVariables = environment }));
    }

    private static void WriteConfigToml(TestDestination destination, string toml)
    {
        Directory.CreateDirectory(Path.Combine(destination.Root, ".dlt"));
        File.WriteAllText(Path.Combine(destination.Root, ".dlt", "config.toml"), toml);
    }

    private static long Count(TestDestination destination, string table)
    {
        using var db = destination.OpenReader();
        return db.Count(table);
    }

    private static void DeleteWorkingDir(TestDestination destination) =>
        Directory.Delete(Path.Combine(destination.PipelinesDirectory, "test_pipeline"), recursive: true);

    [Fact]
    public async Task Restore_from_destination_false_in_config_toml_starts_a_run_without_a_working_dir_afresh_unless_code_says_true()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        WriteConfigToml(destination, "[pipelines]\nrestore_from_destination = false\n");

        await CreatePipeline(destination, []).RunAsync(Ticks(1, 2, 3));
        DeleteWorkingDir(destination);
        await CreatePipeline(destination, []).RunAsync(Ticks(1, 2, 3));

        // Not restored: the cursor starts afresh and the rows are appended again.
        Assert.Equal(6L, Count(destination, "ticks"));

        DeleteWorkingDir(destination);
        await CreatePipeline(destination, [], o => o with { RestoreFromDestination = true }).RunAsync(Ticks(1, 2, 3, 4));
        Assert.Equal(7L, Count(destination, "ticks"));
    }

    [Fact]
    public void Dev_mode_comes_from_the_environment_or_the_pipelines_section_and_code_wins()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        Assert.Equal("test_data", CreatePipeline(destination, []).DatasetName);
        Assert.Matches(@"^test_data_\d{14}$", CreatePipeline(destination, new() { ["DEV_MODE"] = "true" }).DatasetName);

        WriteConfigToml(destination, "[pipelines.test_pipeline]\ndev_mode = true\n");
        Assert.Matches(@"^test_data_\d{14}$", CreatePipeline(destination, []).DatasetName);
        Assert.Equal("test_data", CreatePipeline(destination, [], o => o with { DevMode = false }).DatasetName);
    }

    [Fact]
    public async Task Refresh_from_config_applies_to_every_run_and_a_refresh_passed_to_one_run_only_to_that_run()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        await CreatePipeline(destination, []).RunAsync(Ticks(1, 2, 3));

        // One run with drop_data: the table is emptied and the cursor reset, so the same rows load once more.
        await CreatePipeline(destination, []).RunAsync([Ticks(1, 2, 3)], RefreshMode.DropData);
        Assert.Equal(3L, Count(destination, "ticks"));

        // The next run has no refresh: the cursor of the refreshed run holds.
        await CreatePipeline(destination, []).RunAsync(Ticks(1, 2, 3, 4));
        Assert.Equal(4L, Count(destination, "ticks"));

        // From the environment, every run refreshes.
        var environment = new Dictionary<string, string> { ["PIPELINES__REFRESH"] = "drop_data" };
        await CreatePipeline(destination, environment).RunAsync(Ticks(1, 2));
        await CreatePipeline(destination, environment).RunAsync(Ticks(1, 2));
        Assert.Equal(2L, Count(destination, "ticks"));

        // ExtractAsync takes the run's refresh as well: the package empties the table when it loads.
        var pipeline = CreatePipeline(destination, []);
        await pipeline.ExtractAsync([Ticks(7)], RefreshMode.DropData);
        await pipeline.RunAsync(Ticks(8));
        Assert.Equal(2L, Count(destination, "ticks"));
    }

    [Fact]
    public void An_invalid_refresh_mode_fails_creating_the_pipeline_naming_the_key()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        WriteConfigToml(destination, "[pipelines]\nrefresh = \"drop_everything\"\n");

        var error = Assert.Throws<ConfigException>(() => CreatePipeline(destination, []));

        Assert.Contains("pipelines.refresh from config.toml", error.Message, StringComparison.Ordinal);
        Assert.Contains("drop_sources, drop_resources, drop_data", error.Message, StringComparison.Ordinal);
    }
}
