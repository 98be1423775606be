using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

/// <summary>Pipelines of one process that write one DuckDB file share it: one writer at a time for the catalog.</summary>
public sealed class SharedDatabaseFileTests
{
    [Fact]
    public async Task Two_pipelines_running_at_once_into_one_duckdb_file_both_load()
    {
        // Given two pipelines on one database file, each with tables of its own and a shared dataset
        using var dir = new TempPipelineDirectory();
        Pipeline Create(string name) =>
            Pipeline.Create(name, DuckDbDestination.Create(dir.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "256MB" }), "shared_data", dir.Options);
        var first = Create("first");
        var second = Create("second");
        static IEnumerable<Dictionary<string, object?>> Rows(string prefix, int round) =>
            Enumerable.Range(0, 50).Select(i => new Dictionary<string, object?> { ["id"] = i, [$"{prefix}_col_{round}"] = $"{prefix}{i}" });

        // When both run several times at once, each adding tables and columns
        for (var round = 0; round < 4; round++)
        {
            var r = round;
            await Task.WhenAll(
                Task.Run(() => first.RunAsync(Resource.Create($"a_{r % 2}", Rows("a", r)), Resource.Create("both", Rows("a", r)))),
                Task.Run(() => second.RunAsync(Resource.Create($"b_{r % 2}", Rows("b", r)), Resource.Create("both", Rows("b", r)))));
        }

        // Then every row of both is in the file
        using var db = dir.OpenDatabase("shared_data");
        Assert.Equal(100L, db.Count("a_0"));
        Assert.Equal(100L, db.Count("a_1"));
        Assert.Equal(100L, db.Count("b_0"));
        Assert.Equal(100L, db.Count("b_1"));
        Assert.Equal(400L, db.Count("both"));
        Assert.Equal(8L, db.Count("_dlt_loads"));
    }
}
