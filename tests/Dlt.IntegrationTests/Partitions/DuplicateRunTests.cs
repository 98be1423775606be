using Dlt.Hangfire;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Partitions;

/// <summary>
/// The same run enqueued twice at once on a Hangfire worker in this process (two coordinators, so
/// every partition has two jobs that may run at the same time), then once more after it completed:
/// every partition's rows are loaded once.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class DuplicateRunTests : IDisposable
{
    private const int Partitions = 4;
    private const int RowsPerPartition = 200;

    private readonly TempPipelineDirectory _dir = new();
    private readonly string _dataset = TestPostgres.UniqueDataset("dup_run");
    private readonly string _hangfire = TestPostgres.UniqueDataset("hangfire");

    public void Dispose()
    {
        using (var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset))
        {
            foreach (var schema in reader.Query($"SELECT nspname::text FROM pg_namespace WHERE nspname LIKE '{_dataset}%' OR nspname = '{_hangfire}'"))
            {
                TestPostgres.DropSchema((string)schema[0]!);
            }
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task A_run_whose_coordinator_is_enqueued_twice_and_then_again_loads_every_partition_once()
    {
        // Given a worker in this process
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var storage = PartitionStorage.Postgres(TestPostgres.ConnectionString, _hangfire, ScaleOut.InvisibilityTimeout, ScaleOut.QueuePollInterval, ScaleOut.LockTimeout);
        var pipeline = Pipeline.Create(ScaleOut.PipelineName, PostgresDestination.Create(TestPostgres.Credentials), _dataset, _dir.Options with { HandleSignals = false });
        var registry = new PartitionRegistry().Add(pipeline, PartitionedEvents.Create(Partitions, RowsPerPartition));
        using var worker = PartitionWorker.Start(storage, registry, new PartitionWorkerOptions { WorkerCount = 4, CoordinatorPollInterval = TimeSpan.FromMilliseconds(100) });

        // When the run's coordinator is enqueued twice at once, then once more after both succeeded
        var first = PartitionRuns.Enqueue(storage, ScaleOut.PipelineName, "run-1");
        var second = PartitionRuns.Enqueue(storage, ScaleOut.PipelineName, "run-1");
        await PartitionRuns.WaitAsync(storage, first, TimeSpan.FromMilliseconds(100), timeout.Token);
        await PartitionRuns.WaitAsync(storage, second, TimeSpan.FromMilliseconds(100), timeout.Token);
        var third = PartitionRuns.Enqueue(storage, ScaleOut.PipelineName, "run-1");
        await PartitionRuns.WaitAsync(storage, third, TimeSpan.FromMilliseconds(100), timeout.Token);

        // Then each partition loaded one package, once
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        Assert.Equal((long)Partitions * RowsPerPartition, reader.Count("events"));
        Assert.Equal((long)Partitions * RowsPerPartition, Convert.ToInt64(reader.Query($"SELECT count(DISTINCT id) FROM {reader.Table("events")}")[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((long)Partitions, reader.Count("_dlt_loads"));
    }
}
