using System.Net;
using System.Net.Sockets;
using Dlt.DuckDb;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Pipelines;

/// <summary>A run opens its destination before it extracts anything (beyond dlt, which finds out at the load step).</summary>
public sealed class DestinationCheckTests
{
    [Fact]
    public async Task A_duckdb_path_under_a_file_fails_the_run_before_any_item_is_read()
    {
        // Given a database path whose parent folder is a file
        using var dir = new TempPipelineDirectory();
        Directory.CreateDirectory(dir.Root);
        var blocker = Path.Combine(dir.Root, "not_a_folder");
        await File.WriteAllTextAsync(blocker, "x");
        var pipeline = Pipeline.Create("checked", DuckDbDestination.Create(Path.Combine(blocker, "db.duckdb")), "data", dir.Options);
        var itemsRead = 0;
        IEnumerable<Dictionary<string, object?>> Items()
        {
            itemsRead++;
            yield return new() { ["id"] = 1 };
        }

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("items", Items())));

        // Then
        Assert.Equal(0, itemsRead);
        Assert.Equal("load", error.Step);
        Assert.NotNull(pipeline.LastTrace);
        Assert.Contains($"The duckdb destination at {Path.Combine(blocker, "db.duckdb")} cannot be opened, so nothing was extracted:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_server_that_refuses_fails_the_run_before_any_item_is_read()
    {
        // Given a port nobody listens on
        using var dir = new TempPipelineDirectory();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var destination = PostgresDestination.Create($"postgresql://nobody:secret@127.0.0.1:{port}/nothing?connect_timeout=5");
        var pipeline = Pipeline.Create("refused", destination, "data", dir.Options);
        var itemsRead = 0;
        IEnumerable<Dictionary<string, object?>> Items()
        {
            itemsRead++;
            yield return new() { ["id"] = 1 };
        }

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("items", Items())));

        // Then
        Assert.Equal(0, itemsRead);
        Assert.Contains($"The postgres destination at {destination.Location} cannot be opened, so nothing was extracted:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
