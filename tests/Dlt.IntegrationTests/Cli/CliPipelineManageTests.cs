using System.Text.Json.Nodes;
using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Cli;

/// <summary><c>dlt pipeline &lt;name&gt; trace | sync | drop</c>, in process, on a pipeline loaded by the library into DuckDB as the tool finds it (<c>&lt;pipeline&gt;.duckdb</c> in the project dir).</summary>
public sealed class CliPipelineManageTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    private string WorkingDirectory => Path.Combine(_dir.Root, "data", "pipelines", "shop");

    private string DatabasePath => Path.Combine(_dir.Root, "shop.duckdb");

    private Pipeline CreateShop() =>
        Pipeline.Create("shop", DuckDbDestination.Create(DatabasePath), "shop_data", new PipelineOptions { PipelinesDirectory = Path.Combine(_dir.Root, "data", "pipelines") });

    private async Task LoadShopAsync()
    {
        await CreateShop().RunAsync(
            Resource.Create("orders", [new { id = 1, lines = new[] { new { sku = "A" } } }]),
            Resource.Create("customers", [new { id = 7 }]),
            Resource.Create("returns", [new { id = 9 }]));
        var statePath = Path.Combine(WorkingDirectory, "state.json");
        var state = JsonNode.Parse(File.ReadAllText(statePath))!.AsObject();
        state["sources"] = new JsonObject
        {
            ["shop"] = new JsonObject
            {
                ["archives"] = new JsonArray("2024-01", "2024-02"),
                ["cursor"] = new JsonObject { ["last"] = 5, ["keep"] = true },
                ["resources"] = new JsonObject { ["orders"] = new JsonObject { ["last_id"] = 1 }, ["customers"] = new JsonObject { ["last_id"] = 7 } },
            },
        };
        File.WriteAllText(statePath, state.ToJsonString());
    }

    private List<string> Tables()
    {
        using var db = new DuckDbReader(DatabasePath, "shop_data");
        return [.. db.Tables()];
    }

    private JsonNode Source() => JsonNode.Parse(File.ReadAllText(Path.Combine(WorkingDirectory, "state.json")))!["sources"]!["shop"]!;

    [Fact]
    public async Task Trace_prints_the_last_run_and_its_steps()
    {
        await LoadShopAsync();

        var trace = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "trace");
        var verbose = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "trace", "-v");
        var none = await CliInProcess.RunAsync(_dir.Root, "pipeline", "missing", "trace");
        var info = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "info");

        Assert.True(trace.ExitCode == 0, trace.ToString());
        Assert.StartsWith("Run of pipeline shop started at ", trace.Output, StringComparison.Ordinal);
        Assert.Contains("and COMPLETED in ", trace.Output, StringComparison.Ordinal);
        Assert.Contains("\nStep extract COMPLETED in ", trace.Output, StringComparison.Ordinal);
        Assert.Contains("\nStep load COMPLETED in ", trace.Output, StringComparison.Ordinal);
        Assert.Contains("\"pipeline_name\": \"shop\"", verbose.Output, StringComparison.Ordinal);
        Assert.Contains("Pipeline has last run trace. Use 'dlt pipeline shop trace' to inspect", info.Output, StringComparison.Ordinal);
        Assert.Equal(1, none.ExitCode);
        Assert.StartsWith("dlt: error: Pipeline 'missing' has no working dir", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_shows_the_plan_asks_and_drops_the_tables_and_state_of_a_resource()
    {
        await LoadShopAsync();

        var declined = await CliInProcess.RunAsync(_dir.Root, ["pipeline", "shop", "drop", "orders"], stdin: "n\n");
        Assert.True(declined.ExitCode == 0, declined.ToString());
        Assert.Contains("About to drop the following data in dataset shop_data in destination duckdb", declined.Output, StringComparison.Ordinal);
        Assert.Contains("Selected schema: shop\nSelected resource(s): [orders]\nTable(s) to drop: [orders__lines, orders]\n\twith data in destination: [orders__lines, orders]\nResource(s) state to reset: [orders]\nSource state path(s) to reset: []\n", declined.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was dropped.", declined.Output, StringComparison.Ordinal);
        Assert.Contains("orders__lines", Tables());

        var dropped = await CliInProcess.RunAsync(_dir.Root, ["pipeline", "shop", "drop", "orders"], stdin: "y\n");

        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "customers", "returns"], Tables());
        Assert.Null(Source()["resources"]!["orders"]);
        Assert.Equal(7, Source()["resources"]!["customers"]!["last_id"]!.GetValue<int>());
        Assert.DoesNotContain("orders", CreateShop().ExportSchemaYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_selects_resources_by_regex_resets_state_paths_and_state_only_keeps_tables()
    {
        await LoadShopAsync();

        var statePaths = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "drop", "re:^cust", "--state-paths", "archives", "cursor.last", "--state-only");

        Assert.True(statePaths.ExitCode == 0, statePaths.ToString());
        Assert.Contains("Selected resource(s): []\nTable(s) to drop: []\n\twith data in destination: []\nResource(s) state to reset: [customers]\nSource state path(s) to reset: [shop.archives, shop.cursor.last]\n", statePaths.Output, StringComparison.Ordinal);
        Assert.Contains("customers", Tables());
        Assert.Null(Source()["archives"]);
        Assert.Null(Source()["resources"]!["customers"]);
        Assert.True(Source()["cursor"]!["keep"]!.GetValue<bool>());
        Assert.Null(Source()["cursor"]!["last"]);

        var regex = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "drop", "re:^(cust|ret)");

        Assert.True(regex.ExitCode == 0, regex.ToString());
        Assert.Contains("Selected resource(s): [customers, returns]", regex.Output, StringComparison.Ordinal);
        Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "orders", "orders__lines"], Tables());

        var all = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "drop", "--drop-all");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version"], Tables());
    }

    [Fact]
    public async Task Drop_of_an_unknown_resource_changes_nothing_and_names_the_resources()
    {
        await LoadShopAsync();

        var result = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "drop", "nope");
        var badSchema = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "drop", "orders", "--schema", "other");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Could not select any resources to drop and no resource/source state to reset.", result.Output, StringComparison.Ordinal);
        Assert.Contains("dlt: warning: The resource(s) [nope] select no table in schema 'shop'. Its resources are: [orders, customers, returns].", result.Error, StringComparison.Ordinal);
        Assert.Contains("orders", Tables());
        Assert.Equal(1, badSchema.ExitCode);
        Assert.Contains("has no schema 'other'", badSchema.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_replaces_the_working_dir_with_the_state_and_schemas_of_the_destination()
    {
        await LoadShopAsync();
        await CreateShop().RunAsync(Resource.Create("orders", [new { id = 2 }]));
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkingDirectory, "state.json")))!.AsObject();
        var local = stored.DeepClone().AsObject();
        local.Remove("sources");
        File.WriteAllText(Path.Combine(WorkingDirectory, "state.json"), local.ToJsonString());
        File.Delete(Path.Combine(WorkingDirectory, "schemas", "shop.schema.json"));

        var result = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "sync");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Dropping local state\nRestoring from destination\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("with schema(s) shop from dataset shop_data", result.Output, StringComparison.Ordinal);
        var restored = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkingDirectory, "state.json")))!;
        Assert.Equal(stored["_state_version"]!.GetValue<int>(), restored["_state_version"]!.GetValue<int>());
        Assert.Equal(1, restored["sources"]!["shop"]!["resources"]!["orders"]!["last_id"]!.GetValue<int>());
        Assert.Contains("orders__lines", CreateShop().ExportSchemaYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_without_a_working_dir_restores_from_the_destination_and_dataset_given()
    {
        await LoadShopAsync();
        await CreateShop().RunAsync(Resource.Create("orders", [new { id = 2 }]));
        Directory.Delete(WorkingDirectory, recursive: true);

        var missing = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "sync");
        var result = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "sync", "--destination", "duckdb", "--dataset-name", "shop_data");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("pass --destination and --dataset-name", missing.Error, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("shop_data", JsonNode.Parse(File.ReadAllText(Path.Combine(WorkingDirectory, "state.json")))!["dataset_name"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(WorkingDirectory, "schemas", "shop.schema.json")));
    }

    [Fact]
    public async Task Drop_without_a_working_dir_restores_it_from_the_destination_first()
    {
        await LoadShopAsync();
        await CreateShop().RunAsync(Resource.Create("orders", [new { id = 2 }]));
        Directory.Delete(WorkingDirectory, recursive: true);

        var result = await CliInProcess.RunAsync(_dir.Root, "--non-interactive", "pipeline", "shop", "drop", "customers", "--destination", "duckdb", "--dataset-name", "shop_data");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Restoring from destination\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Resource(s) state to reset: [customers]", result.Output, StringComparison.Ordinal);
        Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "orders", "orders__lines", "returns"], Tables());
        Assert.Null(Source()["resources"]!["customers"]);
        Assert.Equal(1, Source()["resources"]!["orders"]!["last_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Commands_that_need_the_database_refuse_when_its_file_is_not_where_the_configuration_says()
    {
        await LoadShopAsync();
        var elsewhere = Path.Combine(_dir.Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        var environment = new Dictionary<string, string> { ["DLT_DATA_DIR"] = Path.Combine(_dir.Root, "data") };

        var sync = await CliInProcess.RunAsync(elsewhere, ["--non-interactive", "pipeline", "shop", "sync"], environment: environment);

        Assert.Equal(1, sync.ExitCode);
        Assert.Contains($"The DuckDB file '{Path.Combine(elsewhere, "shop.duckdb")}' of pipeline 'shop' does not exist.", sync.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(WorkingDirectory, "state.json")));
        Assert.False(File.Exists(Path.Combine(elsewhere, "shop.duckdb")));
    }

    public void Dispose() => _dir.Dispose();
}
