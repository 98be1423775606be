using System.Globalization;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Partitions;

/// <summary>
/// Partitions with write disposition <c>merge</c> (delete-insert on primary key <c>id</c>, each
/// partition on its own key range) run at the same time into one PostgreSQL table: the table holds
/// exactly the merged rows and child rows, and duplicated runs of a partition load nothing twice.
/// </summary>
public sealed class PartitionMergeTests : IDisposable
{
    private const int Partitions = 4;
    private const int KeysPerPartition = 50;

    private readonly TempPipelineDirectory _dir = new();
    private readonly string _dataset = TestPostgres.UniqueDataset("merge_parts");

    public void Dispose()
    {
        using (var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset))
        {
            foreach (var schema in reader.Query($"SELECT nspname::text FROM pg_namespace WHERE nspname LIKE '{_dataset}%'"))
            {
                TestPostgres.DropSchema((string)schema[0]!);
            }
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Concurrent_merge_partitions_update_and_insert_exactly_the_rows_of_their_key_ranges()
    {
        // Given a first run of every partition: keys 0..49 of its range, version 1
        var pipeline = Pipeline.Create("orders", PostgresDestination.Create(TestPostgres.Credentials), _dataset, _dir.Options);
        await pipeline.RunPartitionsAsync(Orders(version: 1, first: 0, count: KeysPerPartition), runId: "v1", maxParallelism: Partitions);

        // When a second run of every partition, at once, updates keys 25..49 and inserts keys 50..74 (version 2)
        var infos = await pipeline.RunPartitionsAsync(Orders(version: 2, first: KeysPerPartition / 2, count: KeysPerPartition), runId: "v2", maxParallelism: Partitions);

        // Then every key is there once with its newest version, and the child rows are those of that version
        Assert.All(infos, info => Assert.Single(info.LoadPackages));
        var expected = Enumerable.Range(0, Partitions).SelectMany(p => Enumerable.Range(0, KeysPerPartition * 3 / 2)
            .Select(k => Id(p, k) + "|" + (k < KeysPerPartition / 2 ? 1 : 2))).Order(StringComparer.Ordinal).ToList();
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        Assert.Equal(expected, OrderRows(reader));
        Assert.Equal(expected.SelectMany(row => new[] { row + "|0", row + "|1" }).Order(StringComparer.Ordinal).ToList(), LineRows(reader));
        Assert.Equal((long)Partitions * 2, reader.Count("_dlt_loads"));
    }

    [Fact]
    public async Task A_merge_partition_run_again_and_at_the_same_time_by_duplicate_jobs_merges_once()
    {
        // Given a partition that loaded version 1 of its keys
        var pipeline = Pipeline.Create("orders", PostgresDestination.Create(TestPostgres.Credentials), _dataset, _dir.Options);
        await pipeline.RunPartitionAsync(Orders(version: 1, first: 0, count: KeysPerPartition), "p1", runId: "v1");

        // When three jobs of the same partition and run start at once (duplicates in the queue), each
        // retried while another holds the partition's working dir, as a job engine retries them
        var source = Orders(version: 2, first: KeysPerPartition / 2, count: KeysPerPartition);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunWithRetriesAsync(pipeline, source, "p1", "v2")));

        // Then one of them merged, the others found the run done, and the rows are those of one merge
        Assert.Equal(1, attempts.Count(info => info.LoadPackages.Count == 1));
        Assert.Equal(2, attempts.Count(info => info.LoadPackages.Count == 0));
        var expected = Enumerable.Range(0, KeysPerPartition * 3 / 2).Select(k => Id(1, k) + "|" + (k < KeysPerPartition / 2 ? 1 : 2)).Order(StringComparer.Ordinal).ToList();
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        Assert.Equal(expected, OrderRows(reader));
        Assert.Equal(expected.Count * 2L, reader.Count("orders__lines"));
        Assert.Equal(2L, reader.Count("_dlt_loads"));
    }

    /// <summary>Runs the partition; while another attempt holds its working dir ("in use by another process"), tries again.</summary>
    private static async Task<LoadInfo> RunWithRetriesAsync(Pipeline pipeline, PartitionedSource source, string key, string runId)
    {
        while (true)
        {
            try
            {
                return await pipeline.RunPartitionAsync(source, key, runId);
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("in use by another process", StringComparison.Ordinal))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>
    /// Partitions p0..p3; partition p yields keys <paramref name="first"/>.. of its own range (p * 1000 + k),
    /// each with <paramref name="version"/> and two child lines, merged on <c>id</c>.
    /// </summary>
    private static PartitionedSource Orders(int version, int first, int count) =>
        PartitionedSource.Create("shop", Enumerable.Range(0, Partitions).Select(p => $"p{p}"), key => Source.Create("shop",
            Resource.Create("orders", Enumerable.Range(first, count).Select(k => new Dictionary<string, object?>
            {
                ["id"] = Id(int.Parse(key.AsSpan(1), CultureInfo.InvariantCulture), k),
                ["version"] = version,
                ["lines"] = new[] { new Dictionary<string, object?> { ["n"] = 0 }, new Dictionary<string, object?> { ["n"] = 1 } },
            })).WithPrimaryKey("id").WithWriteDisposition(WriteDisposition.Merge)));

    private static long Id(int partition, int key) => (partition * 1000L) + key;

    private static List<string> OrderRows(PostgresReader reader) =>
        [.. reader.Query($"SELECT id || '|' || version FROM {reader.Table("orders")}").Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];

    private static List<string> LineRows(PostgresReader reader) =>
        [.. reader.Query($"SELECT o.id || '|' || o.version || '|' || l.n FROM {reader.Table("orders__lines")} l JOIN {reader.Table("orders")} o ON o._dlt_id = l._dlt_root_id").Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];
}
