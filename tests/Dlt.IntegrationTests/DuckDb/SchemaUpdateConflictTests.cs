using Dlt.DuckDb;
using Dlt.TestKit;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Dlt.IntegrationTests.DuckDb;

/// <summary>A schema update that meets a concurrent writer of the same DuckDB file is retried, not failed.</summary>
public sealed class SchemaUpdateConflictTests
{
    [Fact]
    public async Task An_alter_that_conflicts_with_another_open_alter_of_the_table_is_retried_until_that_one_commits()
    {
        // Given a loaded table and another connection of this process holding an open ALTER of it
        // (DuckDB's catalog takes one writer: the pipeline's ALTER fails with a write-write conflict)
        using var dir = new TempPipelineDirectory();
        var logged = new List<(LogLevel Level, string Category, string Message)>();
        using var provider = new ListLoggerProvider(logged);
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider));
        var pipeline = Pipeline.Create("conflict", DuckDbDestination.Create(dir.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "256MB" }), "test_data", dir.Options with { LoggerFactory = factory });
        await pipeline.RunAsync(Resource.Create("events", new[] { new Dictionary<string, object?> { ["id"] = 1 } }));
        await using var writer = new DuckDBConnection($"Data Source={dir.DatabasePath}");
        await writer.OpenAsync();
        await Execute(writer, "BEGIN TRANSACTION");
        await Execute(writer, "ALTER TABLE test_data.events ADD COLUMN other_app_column VARCHAR");

        // When the pipeline adds a column to that table while the other ALTER is open, and that one
        // commits once the pipeline has reported its first failed attempt
        var run = pipeline.RunAsync(Resource.Create("events", new[] { new Dictionary<string, object?> { ["id"] = 3, ["extra"] = "x" } }));
        var waited = TimeSpan.Zero;
        while (!provider.Snapshot().Any(l => l.Message.Contains("failed transiently", StringComparison.Ordinal)) && !run.IsCompleted && waited < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10);
            waited += TimeSpan.FromMilliseconds(10);
        }

        Assert.False(run.IsCompleted, "the schema update should have met the open ALTER and be retrying");
        await Execute(writer, "COMMIT");
        await run;

        // Then both columns were added and every row is there
        using var db = dir.OpenDatabase();
        Assert.Equal(2L, db.Count("events"));
        Assert.Contains(db.Columns("events"), c => c.Name == "other_app_column");
        Assert.Equal("x", db.Query("SELECT extra FROM test_data.events WHERE id = 3").Single()[0]);
        Assert.Contains(provider.Snapshot(), l => l.Level == LogLevel.Warning && l.Message.Contains("Updating the schema of load package", StringComparison.Ordinal));
    }

    private static async Task Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
