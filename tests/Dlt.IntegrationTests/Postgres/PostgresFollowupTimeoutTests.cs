using Dlt.IntegrationTests.Support;
using Dlt.Postgres;
using Dlt.TestKit;
using Npgsql;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>The statements of a follow-up job (merge, staged replace) run under <see cref="PostgresOptions.FollowupCommandTimeout"/>, not the connection's command timeout.</summary>
public sealed class PostgresFollowupTimeoutTests
{
    private static Resource Issues(string json) => Resource.Create("issues", Json.Items(json)).WithPrimaryKey("id").WithWriteDisposition(WriteDisposition.Merge);

    [Fact]
    public void The_follow_up_timeout_defaults_to_one_hour_and_must_be_positive_and_finite()
    {
        Assert.Equal(TimeSpan.FromHours(1), new PostgresOptions().FollowupCommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), new PostgresOptions { FollowupCommandTimeout = TimeSpan.FromSeconds(90) }.FollowupCommandTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostgresOptions { FollowupCommandTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostgresOptions { FollowupCommandTimeout = Timeout.InfiniteTimeSpan });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostgresOptions { FollowupCommandTimeout = TimeSpan.MaxValue });
    }

    [Fact]
    public async Task A_merge_that_waits_longer_than_the_connection_command_timeout_completes_under_the_follow_up_timeout()
    {
        // Given a connection string whose command timeout (3 s) is shorter than a lock another session holds on the table (10 s), and no retries
        var dataset = TestPostgres.UniqueDataset();
        using var dir = new TempPipelineDirectory();
        using var destination = PostgresDestination.Create(TestPostgres.ConnectionString + ";Command Timeout=3", new PostgresOptions { FollowupCommandTimeout = TimeSpan.FromMinutes(5) });
        var options = dir.Options with { EnvironmentVariables = new Dictionary<string, string> { ["LOAD__RAISE_ON_MAX_RETRIES"] = "1" } };
        try
        {
            await Pipeline.Create("test_pipeline", destination, dataset, options).RunAsync(Issues("""{"id": 1, "title": "a", "labels": ["x"]}"""));
            await using var blocker = new NpgsqlConnection(TestPostgres.ConnectionString);
            await blocker.OpenAsync();
            var transaction = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand($"LOCK TABLE \"{dataset}\".\"issues\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            var release = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                await transaction.CommitAsync();
            });

            // When the merge's DELETE waits for the lock
            await Pipeline.Create("test_pipeline", destination, dataset, options).RunAsync(Issues("""{"id": 1, "title": "a2", "labels": ["y"]}"""));
            await release;

            // Then it waited and merged, where the connection's 3 s would have failed the only attempt
            using var db = new PostgresReader(TestPostgres.ConnectionString, dataset);
            Assert.Equal([[1L, "a2"]], db.Query($"SELECT id, title FROM {db.Table("issues")}"));
            Assert.Equal([["y"]], db.Query($"SELECT value FROM {db.Table("issues__labels")}"));
        }
        finally
        {
            TestPostgres.DropSchema(dataset);
            TestPostgres.DropSchema(dataset + "_staging");
        }
    }
}
