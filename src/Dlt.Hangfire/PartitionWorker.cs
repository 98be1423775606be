using Hangfire;

namespace Dlt.Hangfire;

/// <summary>
/// A Hangfire server that runs the partition and coordinator jobs of the registered pipelines. Start
/// one in each worker process, on any number of machines, against the same storage; each machine's
/// processes must see the partition pipelines' working dirs (see docs/scale-out.md).
/// </summary>
public sealed class PartitionWorker : IDisposable
{
    private readonly BackgroundJobServer _server;

    private PartitionWorker(BackgroundJobServer server) => _server = server;

    /// <summary>Starts the worker: it takes jobs from <paramref name="storage"/> until disposed.</summary>
    public static PartitionWorker Start(JobStorage storage, PartitionRegistry registry, PartitionWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new PartitionWorkerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WorkerCount, 1);
        var serverOptions = new BackgroundJobServerOptions
        {
            Activator = new PartitionJobActivator(new PartitionJobs(registry, storage, options)),
            WorkerCount = options.WorkerCount,
            Queues = [options.Queue],
            ServerName = options.ServerName,
            SchedulePollingInterval = options.SchedulePollingInterval,
            ShutdownTimeout = options.ShutdownTimeout,
        };
        return new PartitionWorker(new BackgroundJobServer(serverOptions, storage));
    }

    /// <summary>Stops taking jobs, waits for the running ones up to the shutdown timeout, then cancels them.</summary>
    public void Dispose() => _server.Dispose();

    /// <summary>Hands Hangfire the one <see cref="PartitionJobs"/> of this worker.</summary>
    private sealed class PartitionJobActivator(PartitionJobs jobs) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(PartitionJobs) ? jobs : base.ActivateJob(jobType);
    }
}
