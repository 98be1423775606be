using Dlt.Storage;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Partitions;

/// <summary>
/// Partitions of one pipeline run at the same time in one process into one PostgreSQL dataset:
/// the dataset ends up with the rows and the schema a single run makes, and a rerun of the same run
/// loads nothing twice.
/// </summary>
public sealed class PartitionedRunTests : IDisposable
{
    private const int Partitions = 8;
    private const int RowsPerPartition = 300;

    private readonly TempPipelineDirectory _dir = new();
    private readonly string _single = TestPostgres.UniqueDataset("single");
    private readonly string _partitioned = TestPostgres.UniqueDataset("parts");

    public void Dispose()
    {
        foreach (var dataset in new[] { _single, _partitioned })
        {
            TestPostgres.DropSchema(dataset);
        }

        using var reader = new PostgresReader(TestPostgres.ConnectionString, _partitioned);
        foreach (var staging in reader.Query($"SELECT nspname::text FROM pg_namespace WHERE nspname LIKE '{_partitioned}_staging%'"))
        {
            TestPostgres.DropSchema((string)staging[0]!);
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Concurrent_partitions_load_the_rows_and_schema_of_a_single_run()
    {
        // Given a single run of every partition's events
        await Pipeline.Create("single_events", PostgresDestination.Create(TestPostgres.Credentials), _single, _dir.Options)
            .RunAsync(PartitionedEvents.Single(Partitions, RowsPerPartition));

        // When all partitions run at once
        var pipeline = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options);
        var infos = await pipeline.RunPartitionsAsync(PartitionedEvents.Create(Partitions, RowsPerPartition), runId: "run-1", maxParallelism: Partitions);

        // Then
        Assert.Equal(Partitions, infos.Select(i => i.PipelineName).Distinct().Count());
        Assert.All(infos, info => Assert.Single(info.LoadPackages));
        using var single = new PostgresReader(TestPostgres.ConnectionString, _single);
        using var partitioned = new PostgresReader(TestPostgres.ConnectionString, _partitioned);
        var expected = PartitionedEventsSnapshot.Read(single);
        var actual = PartitionedEventsSnapshot.Read(partitioned);
        Assert.Equal(Partitions * RowsPerPartition, expected.Events.Count);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal((long)Partitions, partitioned.Count("_dlt_loads"));
    }

    [Fact]
    public async Task Rerunning_a_run_loads_no_partition_twice_and_a_new_run_loads_again()
    {
        // Given a run that loaded every partition
        var pipeline = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options);
        var source = PartitionedEvents.Create(Partitions, RowsPerPartition);
        await pipeline.RunPartitionsAsync(source, runId: "run-1", maxParallelism: Partitions);

        // When the same run is run again, then a partition of a new run
        var again = await pipeline.RunPartitionsAsync(source, runId: "run-1", maxParallelism: Partitions);
        var next = await pipeline.RunPartitionAsync(source, "p03", runId: "run-2");

        // Then
        Assert.All(again, info => Assert.Empty(info.LoadPackages));
        Assert.Single(next.LoadPackages);
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _partitioned);
        Assert.Equal((long)(Partitions + 1) * RowsPerPartition, reader.Count("events"));
        Assert.Equal((long)Partitions + 1, reader.Count("_dlt_loads"));
    }

    [Fact]
    public async Task A_partition_whose_working_dir_is_gone_learns_from_the_destination_that_it_loaded()
    {
        // Given a partition that loaded, then lost its working dir (a job retried on another machine)
        var pipeline = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options);
        var source = PartitionedEvents.Create(Partitions, RowsPerPartition);
        await pipeline.RunPartitionAsync(source, "p05", runId: "run-1");
        Directory.Delete(pipeline.ForPartition("p05").WorkingDirectory, recursive: true);

        // When
        var again = await pipeline.RunPartitionAsync(source, "p05", runId: "run-1");

        // Then
        Assert.Empty(again.LoadPackages);
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _partitioned);
        Assert.Equal((long)RowsPerPartition, reader.Count("events"));
    }

    [Fact]
    public async Task A_pending_package_of_a_run_that_another_working_dir_loaded_is_set_aside_not_loaded()
    {
        // Given machine A's job of partition p03 died once its package was extracted (nothing loaded),
        // and the retried job ran on machine B, which does not see A's working dir, and loaded the partition
        var source = PartitionedEvents.Create(Partitions, RowsPerPartition);
        var machineA = _dir.Options with { PipelinesDirectory = Path.Combine(_dir.Root, "machine-a") };
        var machineB = _dir.Options with { PipelinesDirectory = Path.Combine(_dir.Root, "machine-b") };
        var dying = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, machineA with
        {
            FaultHook = point => _ = point == FaultPoint.ExtractPackagePublished ? throw new IOException("machine A died") : 0,
        });
        await Assert.ThrowsAnyAsync<Exception>(() => dying.RunPartitionAsync(source, "p03", runId: "run-1"));
        var loadedOnB = await Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, machineB).RunPartitionAsync(source, "p03", runId: "run-1");

        // When a later job of the partition runs on machine A again: a duplicate of run-1, then run-2
        var pipelineA = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, machineA);
        var again = await pipelineA.RunPartitionAsync(source, "p03", runId: "run-1");
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _partitioned);
        var afterRun1 = reader.Count("events");
        var next = await pipelineA.RunPartitionAsync(source, "p03", runId: "run-2");

        // Then A's stale package was set aside, never loaded: run-1's rows are in the dataset once
        Assert.Single(loadedOnB.LoadPackages);
        Assert.Empty(again.LoadPackages);
        Assert.Single(Directory.GetDirectories(Path.Combine(pipelineA.ForPartition("p03").WorkingDirectory, "superseded")));
        Assert.Equal((long)RowsPerPartition, afterRun1);
        Assert.Single(next.LoadPackages);
        Assert.Equal(2L * RowsPerPartition, reader.Count("events"));
        Assert.Equal(2L * RowsPerPartition * 2, reader.Count("events__items"));
        Assert.Equal(2L, reader.Count("_dlt_loads"));
    }

    [Fact]
    public async Task A_partition_that_died_mid_load_resumes_its_package_on_the_same_working_dir()
    {
        // Given partition p03 loaded run-1, then died in run-2 right after the first job of its package committed
        var source = PartitionedEvents.Create(Partitions, RowsPerPartition);
        await Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options).RunPartitionAsync(source, "p03", runId: "run-1");
        var dying = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options with
        {
            FaultHook = point => _ = point == FaultPoint.LoadJobCommitted ? throw new IOException("the worker died") : 0,
        });
        await Assert.ThrowsAnyAsync<Exception>(() => dying.RunPartitionAsync(source, "p03", runId: "run-2"));

        // When the partition's job is retried on the same working dir
        var pipeline = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options);
        var retried = await pipeline.RunPartitionAsync(source, "p03", runId: "run-2");

        // Then the pending package was resumed (the destination's state is older than it), not set aside
        Assert.Single(retried.LoadPackages);
        Assert.False(Directory.Exists(Path.Combine(pipeline.ForPartition("p03").WorkingDirectory, "superseded")));
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _partitioned);
        Assert.Equal(2L * RowsPerPartition, reader.Count("events"));
        Assert.Equal(2L * RowsPerPartition * 2, reader.Count("events__items"));
        Assert.Equal(2L, reader.Count("_dlt_loads"));
    }

    [Fact]
    public void A_partition_pipeline_is_named_after_a_hash_of_its_key_beside_the_pipeline()
    {
        var pipeline = Pipeline.Create("events", PostgresDestination.Create(TestPostgres.Credentials), _partitioned, _dir.Options);

        var partition = pipeline.ForPartition("2024-01-01/2024-02-01");

        Assert.Matches("^events__p_[0-9a-f]{12}$", partition.PipelineName);
        Assert.Equal(Pipeline.PartitionPipelineName("events", "2024-01-01/2024-02-01"), partition.PipelineName);
        Assert.Equal(Path.Combine(_dir.PipelinesDirectory, partition.PipelineName), partition.WorkingDirectory);
        Assert.Equal(pipeline.DatasetName, partition.DatasetName);
        Assert.NotEqual(pipeline.ForPartition("2024-02-01/2024-03-01").PipelineName, partition.PipelineName);
    }
}
