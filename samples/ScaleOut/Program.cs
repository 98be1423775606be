// Scale-out sample: one pipeline split into daily partitions, loaded into PostgreSQL by any number
// of worker processes through Hangfire (Hangfire.PostgreSql storage in the same database).
//
//   export SCALEOUT_POSTGRES="Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=..."
//   dotnet run --project samples/ScaleOut -- worker            # on each machine, as many as you like
//   dotnet run --project samples/ScaleOut -- run 2026-12-05    # anywhere: enqueue run "2026-12-05", wait for it
//   dotnet run --project samples/ScaleOut -- local 3           # one machine: start 3 workers, run, stop them
//
// Workers on several machines need the same pipelines folder (DLT_DATA_DIR, or --pipelines-dir) on
// shared storage for exactly-once after a crash (docs/scale-out.md).
using System.Diagnostics;
using Dlt;
using Dlt.Hangfire;
using Dlt.Postgres;

var connectionString = Environment.GetEnvironmentVariable("SCALEOUT_POSTGRES")
    ?? throw new InvalidOperationException("Set SCALEOUT_POSTGRES to an Npgsql connection string (Host=...;Port=...;Username=...;Password=...;Database=...).");
var pipelinesDirectory = Environment.GetEnvironmentVariable("DLT_DATA_DIR") ?? Path.Combine(Path.GetTempPath(), "dlt-scale-out-sample");
var storage = PartitionStorage.Postgres(connectionString, schemaName: "hangfire_sample", invisibilityTimeout: TimeSpan.FromSeconds(15));
var pipeline = Pipeline.Create("shop", PostgresDestination.Create(PostgresCredentials.Parse(connectionString)), "shop_data", new PipelineOptions { PipelinesDirectory = pipelinesDirectory, HandleSignals = false });
var registry = new PartitionRegistry().Add(pipeline, DailyOrders.Create(new DateOnly(2026, 11, 1), days: 30));

switch (args.FirstOrDefault())
{
    case "worker":
        using (PartitionWorker.Start(storage, registry, new PartitionWorkerOptions { WorkerCount = 2 }))
        {
            Console.WriteLine($"Worker {Environment.ProcessId} runs partitions of pipeline 'shop' into dataset 'shop_data'. Ctrl+C stops it.");
            var stop = new TaskCompletionSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
            await stop.Task;
        }

        return 0;

    case "run" when args.Length == 2:
        await RunAsync(args[1]);
        return 0;

    case "local" when args.Length == 2 && int.TryParse(args[1], out var workers):
        // This program again (through dotnet when it runs as a dll), as a worker.
        string[] workerArguments = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(DailyOrders).Assembly.Location, "worker"] : ["worker"];
        var processes = Enumerable.Range(0, workers).Select(_ => Process.Start(Environment.ProcessPath!, workerArguments)).ToList();
        try
        {
            await RunAsync($"local-{DateTime.UtcNow:yyyyMMddHHmmss}");
        }
        finally
        {
            // The run is complete: nothing is lost by killing the idle workers.
            foreach (var process in processes)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        return 0;

    default:
        Console.Error.WriteLine("usage: ScaleOut worker | run <run-id> | local <worker-count>");
        return 2;
}

async Task RunAsync(string runId)
{
    var clock = Stopwatch.StartNew();
    var job = PartitionRuns.Enqueue(storage, pipeline.PipelineName, runId);
    Console.WriteLine($"Enqueued run '{runId}' (coordinator job {job}); waiting for its partitions.");
    await PartitionRuns.WaitAsync(storage, job, TimeSpan.FromSeconds(1));
    Console.WriteLine($"Run '{runId}' loaded all partitions in {clock.Elapsed.TotalSeconds:F1} s.");
}
