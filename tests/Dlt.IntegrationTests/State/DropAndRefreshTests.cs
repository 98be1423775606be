using System.Text.Json.Nodes;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.State;

/// <summary>DropAsync, the refresh modes and dev_mode: the exact tables and state they leave.</summary>
public sealed class DropAndRefreshTests
{
    private static Resource Users(params string[] json) => Resource.Create("users", Json.Items(json));

    private static Resource Orders(params string[] json) => Resource.Create("orders", Json.Items(json));

    private static string StateFile(TestDestination destination) => Path.Combine(destination.PipelinesDirectory, "test_pipeline", "state.json");

    private static void WriteResourceState(TestDestination destination)
    {
        var state = JsonNode.Parse(File.ReadAllText(StateFile(destination)))!.AsObject();
        state["sources"] = new JsonObject
        {
            ["test"] = new JsonObject
            {
                ["source_key"] = 1,
                ["resources"] = new JsonObject { ["users"] = new JsonObject { ["last_id"] = 2 }, ["orders"] = new JsonObject { ["last_id"] = 9 } },
            },
        };
        File.WriteAllText(StateFile(destination), state.ToJsonString());
    }

    private static JsonNode? Sources(TestDestination destination) => JsonNode.Parse(File.ReadAllText(StateFile(destination)))!["sources"];

    private static async Task LoadTwoResourcesAsync(TestDestination destination)
    {
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1, "tags": ["a"]}"""), Orders("""{"id": 10}"""));
        WriteResourceState(destination);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 2, "tags": ["b"]}"""), Orders("""{"id": 11}"""));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task DropAsync_drops_the_tables_and_state_of_a_resource(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await LoadTwoResourcesAsync(destination);

        await destination.CreatePipeline().DropAsync(["users"]);

        using (var db = destination.OpenReader())
        {
            Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "orders"], db.Tables());
            Assert.Equal(2L, db.Count("orders"));
        }

        Assert.Null(Sources(destination)!["test"]!["resources"]!["users"]);
        Assert.Equal(9L, Sources(destination)!["test"]!["resources"]!["orders"]!["last_id"]!.GetValue<long>());
        Assert.DoesNotContain("users", destination.CreatePipeline().ExportSchemaYaml(), StringComparison.Ordinal);

        // The state without the dropped resource is what the destination restores.
        Directory.Delete(Path.Combine(destination.PipelinesDirectory, "test_pipeline"), recursive: true);
        Assert.True(await destination.CreatePipeline().SyncDestinationAsync());
        Assert.Null(Sources(destination)!["test"]!["resources"]!["users"]);
        Assert.DoesNotContain("users", destination.CreatePipeline().ExportSchemaYaml(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Refresh_drop_resources_recreates_the_tables_of_the_extracted_resources_only(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await LoadTwoResourcesAsync(destination);

        await destination.CreatePipeline(o => o with { Refresh = RefreshMode.DropResources }).RunAsync(Users("""{"id": 3}"""));

        using var db = destination.OpenReader();
        Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "orders", "users"], db.Tables());
        Assert.Equal([[3L]], db.Query($"SELECT id FROM {db.Table("users")}"));
        Assert.Equal(2L, db.Count("orders"));
        Assert.Null(Sources(destination)!["test"]!["resources"]!["users"]);
        Assert.Equal(9L, Sources(destination)!["test"]!["resources"]!["orders"]!["last_id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Refresh_drop_data_empties_the_tables_and_keeps_the_schema(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await LoadTwoResourcesAsync(destination);

        await destination.CreatePipeline(o => o with { Refresh = RefreshMode.DropData }).RunAsync(Users("""{"id": 3}"""));

        using var db = destination.OpenReader();
        Assert.Equal([[3L]], db.Query($"SELECT id FROM {db.Table("users")}"));
        Assert.Equal(0L, db.Count("users__tags"));
        Assert.Equal(2L, db.Count("orders"));
        Assert.Contains("users__tags", destination.CreatePipeline().ExportSchemaYaml(), StringComparison.Ordinal);
        Assert.Null(Sources(destination)!["test"]!["resources"]!["users"]);
        Assert.Equal(1L, Sources(destination)!["test"]!["source_key"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Refresh_drop_sources_drops_every_table_of_the_source_and_its_state(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await LoadTwoResourcesAsync(destination);

        await destination.CreatePipeline(o => o with { Refresh = RefreshMode.DropSources }).RunAsync(Users("""{"id": 3}"""));

        using var db = destination.OpenReader();
        Assert.Equal(["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "users"], db.Tables());
        Assert.Equal([[3L]], db.Query($"SELECT id FROM {db.Table("users")}"));
        Assert.Null(Sources(destination)!["test"]);
    }

    [Fact]
    public async Task Dev_mode_loads_into_a_fresh_suffixed_dataset_and_wipes_the_working_dir()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1}"""));
        var time = new StartClock(new DateTimeOffset(2026, 3, 4, 15, 6, 7, TimeSpan.Zero));

        var pipeline = destination.CreatePipeline(o => o with { DevMode = true, TimeProvider = time });

        Assert.Equal(destination.Dataset + "_20260304150607", pipeline.DatasetName);
        Assert.False(File.Exists(StateFile(destination)));
        await pipeline.RunAsync(Users("""{"id": 2}"""));
        using var db = new DuckDbReader(Path.Combine(destination.Root, "test.duckdb"), pipeline.DatasetName);
        Assert.Equal([[2L]], db.Query($"SELECT id FROM {db.Table("users")}"));
    }

    /// <summary>A clock that starts at a fixed time and runs on, so load ids keep increasing.</summary>
    private sealed class StartClock(DateTimeOffset start) : TimeProvider
    {
        private readonly DateTimeOffset _realStart = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => start + (DateTimeOffset.UtcNow - _realStart);
    }
}
