using Dlt.Hangfire;
using Dlt.Postgres;
using Dlt.TestKit;
using Hangfire;
using Hangfire.States;
using Xunit.Abstractions;

namespace Dlt.IntegrationTests.Partitions;

/// <summary>
/// One pipeline split into 24 partitions, run as Hangfire jobs (Hangfire.PostgreSql storage) by three
/// worker processes, one of which is killed with SIGKILL while it loads a partition: every partition's
/// rows are in the dataset exactly once, and the dataset is the one a single run makes.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 24;
    private const int RowsPerPartition = 2000;
    private const int PauseMsPer1000Rows = 200;
    private const int WorkerProcesses = 3;
    private const int JobsPerWorker = 2;

    private readonly TempPipelineDirectory _dir = new();
    private readonly string _single = TestPostgres.UniqueDataset("single");
    private readonly string _dataset = TestPostgres.UniqueDataset("scaled");
    private readonly string _hangfire = TestPostgres.UniqueDataset("hangfire");
    private readonly ScaleOutWorkers _workers = new();

    public void Dispose()
    {
        _workers.Dispose();
        using (var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset))
        {
            foreach (var schema in reader.Query($"SELECT nspname::text FROM pg_namespace WHERE nspname LIKE '{_dataset}%' OR nspname IN ('{_single}', '{_hangfire}')"))
            {
                TestPostgres.DropSchema((string)schema[0]!);
            }
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Partitions_run_by_three_workers_one_killed_load_every_row_exactly_once()
    {
        // Given a single run of all the partitions' rows, and three worker processes on one Hangfire storage
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var singleRun = Pipeline.Create("single_events", PostgresDestination.Create(TestPostgres.Credentials), _single, _dir.Options)
            .RunAsync(PartitionedEvents.Single(Partitions, RowsPerPartition));
        var storage = PartitionStorage.Postgres(TestPostgres.ConnectionString, _hangfire, ScaleOut.InvisibilityTimeout, ScaleOut.QueuePollInterval, ScaleOut.LockTimeout);
        await Task.WhenAll(Enumerable.Range(1, WorkerProcesses).Select(i =>
            _workers.StartAsync($"worker-{i}", _hangfire, _dir.PipelinesDirectory, _dataset, Partitions, RowsPerPartition, PauseMsPer1000Rows, JobsPerWorker)));

        output.WriteLine($"{clock.Elapsed}: {WorkerProcesses} workers ready");

        // When a run is enqueued, and a worker is killed while it runs a partition
        var coordinator = PartitionRuns.Enqueue(storage, ScaleOut.PipelineName, "run-1");
        var (victim, killedJob) = await WaitForPartitionInFlightAsync(storage, timeout.Token);
        _workers.Kill(victim);
        output.WriteLine($"{clock.Elapsed}: killed {victim} while it ran job {killedJob}");
        await WaitOrExplainAsync(storage, coordinator, timeout.Token);
        output.WriteLine($"{clock.Elapsed}: run complete");

        // and a partition job of the same run is enqueued again (a duplicate)
        var duplicate = new BackgroundJobClient(storage).Create<PartitionJobs>(j => j.RunPartitionAsync(ScaleOut.PipelineName, "p00", "run-1", CancellationToken.None), new EnqueuedState());
        await WaitOrExplainAsync(storage, duplicate, timeout.Token);

        output.WriteLine($"{clock.Elapsed}: duplicate done");

        // Then the killed worker's partition was finished by another worker
        using (var connection = storage.GetConnection())
        {
            Assert.Equal(SucceededState.StateName, connection.GetStateData(killedJob).Name);
        }

        // and the dataset holds every row once: the rows and schema of a single run
        await singleRun;
        output.WriteLine($"{clock.Elapsed}: single run done");
        using var single = new PostgresReader(TestPostgres.ConnectionString, _single);
        using var scaled = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        var expected = PartitionedEventsSnapshot.Read(single);
        var actual = PartitionedEventsSnapshot.Read(scaled);
        Assert.Equal(Partitions * RowsPerPartition, expected.Events.Count);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal((long)Partitions, scaled.Count("_dlt_loads"));
    }

    /// <summary>Waits until a few partitions have loaded and a worker runs a partition job; that worker and job.</summary>
    private async Task<(string Worker, string JobId)> WaitForPartitionInFlightAsync(JobStorage storage, CancellationToken cancellationToken)
    {
        var monitor = storage.GetMonitoringApi();
        while (true)
        {
            if (monitor.SucceededListCount() >= 3)
            {
                foreach (var (jobId, job) in monitor.ProcessingJobs(0, 100))
                {
                    if (job.Job?.Method.Name == nameof(PartitionJobs.RunPartitionAsync) && job.ServerId is { } server)
                    {
                        return (server.Split(':')[0], jobId);
                    }
                }
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task WaitOrExplainAsync(JobStorage storage, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await PartitionRuns.WaitAsync(storage, jobId, TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Job {jobId} did not succeed ({ex.Message}). Jobs not done:{Environment.NewLine}{JobsNotDone(storage)}Workers' output:{Environment.NewLine}{_workers.Output}", ex);
        }
    }

    /// <summary>The jobs still processing, scheduled (a retry waiting) or failed, with their state's reason: what held the run up.</summary>
    private static string JobsNotDone(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        var lines = new System.Text.StringBuilder();
        foreach (var (id, job) in monitor.ProcessingJobs(0, 100))
        {
            lines.AppendLine($"processing {id} on {job.ServerId} since {job.StartedAt:O}");
        }

        foreach (var (id, job) in monitor.ScheduledJobs(0, 100))
        {
            lines.AppendLine($"scheduled {id} for {job.EnqueueAt:O}");
        }

        foreach (var (id, job) in monitor.FailedJobs(0, 100))
        {
            lines.AppendLine($"failed {id}: {job.ExceptionMessage}");
        }

        foreach (var (id, job) in monitor.EnqueuedJobs("default", 0, 100))
        {
            lines.AppendLine($"enqueued {id} in state {job.State}");
        }

        return lines.ToString();
    }
}

/// <summary>The scale-out test runs alone: its worker processes need the machine's cores to finish in time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out workers";
}
