using Dlt.IntegrationTests.Reliability;
using Dlt.IntegrationTests.Support;
using Dlt.Storage;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Merge;

/// <summary>The replace strategies that load through the staging dataset, on the destinations that offer them.</summary>
public sealed class ReplaceStrategyTests
{
    private static Pipeline PipelineWith(TestDestination destination, string strategy, Action<string>? faultHook = null) =>
        destination.CreatePipeline(o => o with
        {
            EnvironmentVariables = new Dictionary<string, string> { ["DESTINATION__REPLACE_STRATEGY"] = strategy },
            FaultHook = faultHook,
        });

    private static Resource Users(params string[] json) => Resource.Create("users", Json.Items(json)).WithWriteDisposition(WriteDisposition.Replace);

    [Theory]
    [InlineData(TestDestination.DuckDb, "insert-from-staging")]
    [InlineData(TestDestination.Postgres, "insert-from-staging")]
    [InlineData(TestDestination.Postgres, "staging-optimized")]
    public async Task Each_load_replaces_the_rows_of_every_table_of_the_chain(string kind, string strategy)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = PipelineWith(destination, strategy);
        await pipeline.RunAsync(Users("""{"id": 1, "tags": ["a", "b"]}""", """{"id": 2, "tags": ["c"]}"""));
        await pipeline.RunAsync(Users("""{"id": 3, "tags": ["d"]}"""));

        using (var db = destination.OpenReader())
        {
            Assert.Equal([[3L]], db.Query($"SELECT id FROM {db.Table("users")}"));
            Assert.Equal([["d"]], db.Query($"SELECT value FROM {db.Table("users__tags")}"));
        }

        await pipeline.RunAsync(Users("""{"id": 4}""", """{"id": 5}"""));

        using var after = destination.OpenReader();
        Assert.Equal([[4L], [5L]], after.Query($"SELECT id FROM {after.Table("users")} ORDER BY id"));
        Assert.Equal(0L, after.Count("users__tags"));
        Assert.Equal(3L, after.Count("_dlt_loads"));

        // The rows went through the staging table: insert-from-staging copies them, staging-optimized swaps it in and leaves an empty one.
        var staged = Convert.ToInt64(after.Scalar($"SELECT count(*) FROM \"{after.Dataset}_staging\".\"users\""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(strategy == "staging-optimized" ? 0L : 2L, staged);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb, "insert-from-staging")]
    [InlineData(TestDestination.Postgres, "staging-optimized")]
    public async Task A_crash_right_after_the_replace_committed_does_not_replace_again_on_the_rerun(string kind, string strategy)
    {
        using var destination = TestDestination.Create(kind);
        await PipelineWith(destination, strategy).RunAsync(Users("""{"id": 1, "tags": ["a"]}"""));
        var crash = new CrashOnce(FaultPoint.LoadFollowupCommitted);
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => PipelineWith(destination, strategy, crash.At).RunAsync(Users("""{"id": 2, "tags": ["b"]}""")));
        Assert.True(crash.Crashed);

        await PipelineWith(destination, strategy).LoadAsync();

        using var db = destination.OpenReader();
        Assert.Equal([[2L]], db.Query($"SELECT id FROM {db.Table("users")}"));
        Assert.Equal([["b"]], db.Query($"SELECT value FROM {db.Table("users__tags")}"));
        Assert.Equal(2L, db.Count("_dlt_loads"));
    }

    [Fact]
    public void Staging_optimized_on_duckdb_fails_when_the_pipeline_is_created()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);

        var error = Assert.Throws<ConfigException>(() => PipelineWith(destination, "staging-optimized"));

        Assert.Contains("replace_strategy", error.Message, StringComparison.Ordinal);
        Assert.Contains("insert-from-staging", error.Message, StringComparison.Ordinal);
    }
}
