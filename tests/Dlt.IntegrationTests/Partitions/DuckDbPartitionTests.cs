using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Partitions;

/// <summary>Partitions of one pipeline run at once in one process into one DuckDB file (one writing process per file).</summary>
public sealed class DuckDbPartitionTests : IDisposable
{
    private const int Partitions = 6;
    private const int RowsPerPartition = 500;

    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Concurrent_partitions_in_one_process_load_the_rows_and_columns_of_a_single_run()
    {
        // Given a single run into one dataset
        var single = Path.Combine(_dir.Root, "single.duckdb");
        await Pipeline.Create("single_events", DuckDbDestination.Create(single), "events_data", _dir.Options).RunAsync(PartitionedEvents.Single(Partitions, RowsPerPartition));

        // When all partitions run at once into another file
        var pipeline = Pipeline.Create("events", DuckDbDestination.Create(_dir.DatabasePath), "events_data", _dir.Options);
        await pipeline.RunPartitionsAsync(PartitionedEvents.Create(Partitions, RowsPerPartition), runId: "run-1", maxParallelism: Partitions);

        // Then
        using var expected = new DuckDbReader(single, "events_data");
        using var actual = new DuckDbReader(_dir.DatabasePath, "events_data");
        foreach (var table in new[] { "events", "events__items" })
        {
            Assert.Equal(Describe(expected, table), Describe(actual, table));
        }

        Assert.Equal((long)Partitions, actual.Count("_dlt_loads"));
    }

    /// <summary>The columns (name and type, in name order) and the sorted ids of a table.</summary>
    private static string Describe(DuckDbReader reader, string table)
    {
        var columns = reader.Query($"SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = '{reader.Dataset}' AND table_name = '{table}' ORDER BY column_name");
        var rows = reader.Query(table == "events"
            ? $"SELECT CAST(id AS VARCHAR) || '|' || \"partition\" || '|' || CAST(amount AS VARCHAR) || '|' || coalesce(tag_0, '-') || coalesce(tag_1, '-') || coalesce(tag_2, '-') FROM {reader.Table(table)} ORDER BY id"
            : $"SELECT CAST(e.id AS VARCHAR) || '|' || CAST(i.n AS VARCHAR) FROM {reader.Table(table)} i JOIN {reader.Table("events")} e ON e._dlt_id = i._dlt_parent_id ORDER BY e.id, i._dlt_list_idx");
        return string.Join("\n", columns.Concat(rows).Select(r => (string)r[0]!));
    }
}
