using System.Text.Json.Nodes;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.State;

/// <summary>The state and schemas come back from the destination when the working dir is lost, stale or corrupted.</summary>
public sealed class StateRestoreTests
{
    private static Resource Users(params string[] json) => Resource.Create("users", Json.Items(json));

    private static string WorkingDir(TestDestination destination) => Path.Combine(destination.PipelinesDirectory, "test_pipeline");

    private static string StateFile(TestDestination destination) => Path.Combine(WorkingDir(destination), "state.json");

    private static JsonObject ReadState(TestDestination destination) => JsonNode.Parse(File.ReadAllText(StateFile(destination)))!.AsObject();

    /// <summary>Puts a value into the source state the way extract keeps it, so the next run stores it in the destination.</summary>
    private static void WriteSourceState(TestDestination destination, long cursor)
    {
        var state = ReadState(destination);
        state["sources"] = new JsonObject { ["test"] = new JsonObject { ["resources"] = new JsonObject { ["users"] = new JsonObject { ["last_id"] = cursor } } } };
        File.WriteAllText(StateFile(destination), state.ToJsonString());
    }

    private static long StateRows(TestDestination destination)
    {
        using var db = destination.OpenReader();
        return db.Count("_dlt_pipeline_state");
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_run_after_the_working_dir_was_deleted_continues_from_the_state_in_the_destination(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1}"""));
        WriteSourceState(destination, 1);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 2}"""));
        var stored = ReadState(destination);
        var schemaFile = Path.Combine(WorkingDir(destination), "schemas", "test.schema.json");
        var schema = JsonNode.Parse(File.ReadAllText(schemaFile))!;
        Assert.Equal(2L, StateRows(destination));

        Directory.Delete(WorkingDir(destination), recursive: true);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 3}"""));

        var restored = ReadState(destination);
        Assert.Equal(1L, restored["sources"]!["test"]!["resources"]!["users"]!["last_id"]!.GetValue<long>());
        Assert.Equal(stored["_state_version"]!.GetValue<long>(), restored["_state_version"]!.GetValue<long>());
        Assert.Equal(stored["_version_hash"]!.GetValue<string>(), restored["_version_hash"]!.GetValue<string>());
        Assert.Equal(schema["version_hash"]!.GetValue<string>(), JsonNode.Parse(File.ReadAllText(schemaFile))!["version_hash"]!.GetValue<string>());
        // The restored state was the stored one: the third run did not store it again.
        Assert.Equal(2L, StateRows(destination));
        using var db = destination.OpenReader();
        Assert.Equal([[1L], [2L], [3L]], db.Query($"SELECT id FROM {db.Table("users")} ORDER BY id"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task SyncDestinationAsync_restores_state_and_schema_into_an_empty_working_dir(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1, "name": "a"}"""));
        WriteSourceState(destination, 7);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 2, "name": "b"}"""));
        Directory.Delete(WorkingDir(destination), recursive: true);

        var pipeline = destination.CreatePipeline();
        Assert.True(await pipeline.SyncDestinationAsync());

        Assert.Equal(7L, ReadState(destination)["sources"]!["test"]!["resources"]!["users"]!["last_id"]!.GetValue<long>());
        Assert.Equal(destination.Dataset, ReadState(destination)["dataset_name"]!.GetValue<string>());
        Assert.False(ReadState(destination)["_local"]!["first_run"]!.GetValue<bool>());
        Assert.Contains("name: name", pipeline.ExportSchemaYaml(), StringComparison.Ordinal);
        // Nothing newer in the destination now: a second sync restores nothing.
        Assert.False(await pipeline.SyncDestinationAsync());
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_newer_state_in_the_destination_replaces_an_older_local_one(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1}"""));
        var old = File.ReadAllText(StateFile(destination));
        WriteSourceState(destination, 5);
        var second = destination.CreatePipeline();
        await second.RunAsync(Users("""{"id": 2}"""));

        // The working dir of a machine that did not run the second load: the older state, and no package of that load.
        File.WriteAllText(StateFile(destination), old);
        foreach (var package in Directory.GetDirectories(Path.Combine(second.WorkingDirectory, "load", "loaded")))
        {
            Directory.Delete(package, recursive: true);
        }

        Assert.True(await destination.CreatePipeline().SyncDestinationAsync());

        Assert.Equal(5L, ReadState(destination)["sources"]!["test"]!["resources"]!["users"]!["last_id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_newer_local_state_is_kept(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1}"""));
        var state = ReadState(destination);
        state["_state_version"] = state["_state_version"]!.GetValue<long>() + 5;
        state["_version_hash"] = "local-newer";
        File.WriteAllText(StateFile(destination), state.ToJsonString());

        Assert.False(await destination.CreatePipeline().SyncDestinationAsync());

        Assert.Equal("local-newer", ReadState(destination)["_version_hash"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_corrupted_state_json_fails_naming_the_file_and_the_way_out_and_sync_restores_it(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 1}"""));
        WriteSourceState(destination, 3);
        await destination.CreatePipeline().RunAsync(Users("""{"id": 2}"""));
        File.WriteAllText(StateFile(destination), "{\"_state_version\": 2, \"sources\": {");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => destination.CreatePipeline().RunAsync(Users("""{"id": 3}""")));

        var message = error.ToString();
        Assert.Contains(StateFile(destination), message, StringComparison.Ordinal);
        Assert.Contains("SyncDestinationAsync", message, StringComparison.Ordinal);
        Assert.Contains("delete", message, StringComparison.OrdinalIgnoreCase);

        Assert.True(await destination.CreatePipeline().SyncDestinationAsync());
        Assert.Equal(3L, ReadState(destination)["sources"]!["test"]!["resources"]!["users"]!["last_id"]!.GetValue<long>());
        await destination.CreatePipeline().RunAsync(Users("""{"id": 3}"""));
        using var db = destination.OpenReader();
        Assert.Equal(3L, db.Count("users"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_working_dir_whose_dataset_is_gone_is_wiped(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline(o => o with { RestoreFromDestination = true });
        await pipeline.RunAsync(Users("""{"id": 1}"""));
        DropDataset(destination);

        Assert.False(await destination.CreatePipeline().SyncDestinationAsync());

        Assert.False(File.Exists(StateFile(destination)));
        Assert.Empty(Directory.GetFiles(Path.Combine(WorkingDir(destination), "schemas")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(WorkingDir(destination), "load", "loaded")));
    }

    [Fact]
    public async Task Pending_packages_are_kept_when_the_dataset_is_gone()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Users("""{"id": 1}"""));
        var loadId = await pipeline.ExtractAsync([Users("""{"id": 2}""")]);
        DropDataset(destination);

        await destination.CreatePipeline().SyncDestinationAsync();

        Assert.True(Directory.Exists(Path.Combine(WorkingDir(destination), "normalize", "extracted", loadId)));
        await destination.CreatePipeline().RunAsync(Users("""{"id": 3}"""));
        using var db = destination.OpenReader();
        Assert.Equal([[2L], [3L]], db.Query($"SELECT id FROM {db.Table("users")} ORDER BY id"));
    }

    private static void DropDataset(TestDestination destination)
    {
        if (destination.Kind == TestDestination.Postgres)
        {
            TestPostgres.DropSchema(destination.Dataset);
            return;
        }

        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(destination.Root, "test.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA \"{destination.Dataset}\" CASCADE";
        command.ExecuteNonQuery();
    }
}
