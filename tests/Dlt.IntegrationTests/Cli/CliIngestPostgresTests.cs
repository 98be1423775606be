using Dlt.TestKit;

namespace Dlt.IntegrationTests.Cli;

/// <summary><c>dlt ingest</c> into PostgreSQL, in process, credentials from the environment as dlt reads them.</summary>
public sealed class CliIngestPostgresTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();
    private readonly string _dataset = TestPostgres.UniqueDataset("cli");

    [Fact]
    public async Task Ingest_loads_jsonl_json_and_csv_into_postgres()
    {
        File.WriteAllText(Path.Combine(_dir.Root, "a.jsonl"), "{\"id\": 1, \"name\": \"a\", \"tags\": [\"x\", \"y\"]}\n");
        File.WriteAllText(Path.Combine(_dir.Root, "b.json"), "[{\"id\": 2, \"name\": \"b\"}]");
        File.WriteAllText(Path.Combine(_dir.Root, "c.csv"), "id,name\n3,c\n");
        var environment = new Dictionary<string, string> { ["DESTINATION__POSTGRES__CREDENTIALS"] = TestPostgres.ConnectionString };

        var result = await CliInProcess.RunAsync(_dir.Root, ["ingest", "a.jsonl", "b.json", "c.csv", "--destination", "postgres", "--dataset", _dataset, "--table", "items"], environment: environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        Assert.Equal([[1L, "a"], [2L, "b"], [3L, "c"]], db.Query($"SELECT id, name FROM \"{_dataset}\".items ORDER BY id"));
        Assert.Equal([["x"], ["y"]], db.Query($"SELECT value FROM \"{_dataset}\".items__tags ORDER BY value"));
    }

    public void Dispose()
    {
        TestPostgres.DropSchema(_dataset);
        _dir.Dispose();
    }
}
