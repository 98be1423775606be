using System.Text.Json;
using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Cli;

/// <summary><c>dlt pipeline ...</c>, <c>dlt schema</c> and help in process, failures and exit codes as a real process, on a working dir made by the library.</summary>
public sealed class CliPipelineCommandTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    private string PipelinesDirectory => Path.Combine(_dir.Root, "data", "pipelines");

    private async Task<Pipeline> LoadShopAsync()
    {
        var pipeline = Pipeline.Create("shop", DuckDbDestination.Create(_dir.DatabasePath), "shop_data", new PipelineOptions { PipelinesDirectory = PipelinesDirectory });
        await pipeline.RunAsync(Resource.Create("orders", [new { id = 1, lines = new[] { new { sku = "A" } } }, new { id = 2, lines = new[] { new { sku = "B" } } }]));
        return pipeline;
    }

    [Fact]
    public async Task Pipeline_list_info_and_load_package_describe_the_working_dir()
    {
        var pipeline = await LoadShopAsync();
        var loadId = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(pipeline.WorkingDirectory, "load", "loaded"))));

        var list = await CliInProcess.RunAsync(_dir.Root, "pipeline", "--list");
        var info = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "info");
        var package = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "load-package");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal($"1 pipeline(s) found in {PipelinesDirectory}\nshop\n", list.Output);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("dataset_name: shop_data", info.Output, StringComparison.Ordinal);
        Assert.Contains("destination_type: duckdb", info.Output, StringComparison.Ordinal);
        Assert.Contains("orders with 2 table(s): orders, orders__lines", info.Output, StringComparison.Ordinal);
        Assert.Contains($"Has 1 completed load packages with following load ids:\n{loadId}\n", info.Output, StringComparison.Ordinal);
        Assert.True(package.ExitCode == 0, package.ToString());
        Assert.Contains($"Package {loadId} found in", package.Output, StringComparison.Ordinal);
        Assert.Contains("The package is loaded.", package.Output, StringComparison.Ordinal);
        Assert.Contains("table: orders__lines, state: completed", package.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_schema_prints_yaml_or_json_and_schema_converts_files_both_ways()
    {
        await LoadShopAsync();

        var yaml = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "schema");
        var json = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "schema", "--format", "json");

        Assert.True(yaml.ExitCode == 0, yaml.ToString());
        Assert.Contains("name: shop", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("orders__lines:", yaml.Output, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(json.Output))
        {
            Assert.Equal("bigint", document.RootElement.GetProperty("tables").GetProperty("orders").GetProperty("columns").GetProperty("id").GetProperty("data_type").GetString());
        }

        // A YAML export read back as JSON gives the stored JSON, and the JSON read back as YAML gives the export
        File.WriteAllText(Path.Combine(_dir.Root, "shop.schema.yaml"), yaml.Output);
        File.WriteAllText(Path.Combine(_dir.Root, "shop.schema.json"), json.Output);
        var fromYaml = await CliInProcess.RunAsync(_dir.Root, "schema", "shop.schema.yaml", "--format", "json");
        var fromJson = await CliInProcess.RunAsync(_dir.Root, "schema", "shop.schema.json");
        Assert.Equal(json.Output, fromYaml.Output);
        Assert.Equal(yaml.Output, fromJson.Output);
    }

    [Fact]
    public async Task Drop_pending_packages_deletes_an_extracted_package_and_failed_jobs_reports_none()
    {
        var pipeline = await LoadShopAsync();
        var loadId = await pipeline.ExtractAsync([Resource.Create("orders", [new { id = 3 }])]);
        var extracted = Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted", loadId);
        Assert.True(Directory.Exists(extracted));

        var declined = await CliInProcess.RunAsync(_dir.Root, ["pipeline", "shop", "drop-pending-packages"], stdin: "n\n");
        Assert.True(Directory.Exists(extracted), declined.ToString());
        var info = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "info");
        Assert.Contains($"Has 1 pending load packages: {loadId} (extracted)", info.Output, StringComparison.Ordinal);

        var dropped = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "drop-pending-packages", "--non-interactive");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.Equal("Deleted 1 pending package(s).\n", dropped.Output);
        Assert.False(Directory.Exists(extracted));

        var failed = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "failed-jobs");
        Assert.Equal("Pipeline shop has no failed jobs.\n", failed.Output);
    }

    [Fact]
    public async Task Failures_print_one_line_on_stderr_with_a_non_zero_exit_code()
    {
        var missing = await CliProcess.RunAsync(_dir.Root, "pipeline", "nope", "info");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"dlt: error: Pipeline 'nope' has no working dir in '{PipelinesDirectory}'. Run it first, check the name with 'dlt pipeline --list', or pass --pipelines-dir.\n", missing.Error);
        Assert.Equal("", missing.Output);

        var usage = await CliProcess.RunAsync(_dir.Root, "pipline");
        Assert.Equal(2, usage.ExitCode);
        Assert.Single(usage.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dlt: error: ", usage.Error, StringComparison.Ordinal);

        var badSchema = await CliProcess.RunAsync(_dir.Root, "schema", "missing.yaml");
        Assert.Equal(1, badSchema.ExitCode);
        Assert.Equal("dlt: error: Schema file 'missing.yaml' does not exist.\n", badSchema.Error);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_their_options()
    {
        var root = await CliInProcess.RunAsync(_dir.Root, "--help");
        var pipeline = await CliInProcess.RunAsync(_dir.Root, "pipeline", "--help");
        var ingest = await CliInProcess.RunAsync(_dir.Root, "ingest", "--help");

        Assert.Equal(0, root.ExitCode);
        foreach (var command in new[] { "pipeline", "schema", "init", "ingest", "--non-interactive" })
        {
            Assert.Contains(command, root.Output, StringComparison.Ordinal);
        }

        foreach (var operation in new[] { "info", "load-package", "failed-jobs", "drop-pending-packages", "schema", "--list-pipelines", "--pipelines-dir" })
        {
            Assert.Contains(operation, pipeline.Output, StringComparison.Ordinal);
        }

        foreach (var option in new[] { "--destination", "--dataset", "--table", "--write-disposition", "--primary-key", "--max-table-nesting", "--pipeline" })
        {
            Assert.Contains(option, ingest.Output, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _dir.Dispose();
}
