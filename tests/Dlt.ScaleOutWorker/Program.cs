// A scale-out worker: runs the partition jobs of the generated "events" pipeline (Dlt.TestKit's
// PartitionedEvents) into PostgreSQL ($DLT_TEST_POSTGRES) until its standard input closes.
//
//   dotnet Dlt.ScaleOutWorker.dll <hangfire-schema> <pipelines-dir> <dataset> <partitions> <rows-per-partition> <pause-ms-per-1000-rows> <worker-count> <server-name>
//
// It prints "ready" once its Hangfire server runs.
using System.Globalization;
using Dlt;
using Dlt.Hangfire;
using Dlt.Postgres;
using Dlt.TestKit;

if (args.Length != 8)
{
    await Console.Error.WriteLineAsync("usage: Dlt.ScaleOutWorker <hangfire-schema> <pipelines-dir> <dataset> <partitions> <rows-per-partition> <pause-ms-per-1000-rows> <worker-count> <server-name>");
    return 2;
}

var number = (int index) => int.Parse(args[index], CultureInfo.InvariantCulture);
var pipeline = Pipeline.Create(ScaleOut.PipelineName, PostgresDestination.Create(TestPostgres.Credentials), args[2], new PipelineOptions { PipelinesDirectory = args[1], HandleSignals = false });
var registry = new PartitionRegistry().Add(pipeline, PartitionedEvents.Create(number(3), number(4), TimeSpan.FromMilliseconds(number(5))));
var storage = PartitionStorage.Postgres(TestPostgres.ConnectionString, args[0], ScaleOut.InvisibilityTimeout, ScaleOut.QueuePollInterval, ScaleOut.LockTimeout);
using (PartitionWorker.Start(storage, registry, new PartitionWorkerOptions { WorkerCount = number(6), ServerName = args[7], CoordinatorPollInterval = TimeSpan.FromMilliseconds(250) }))
{
    Console.WriteLine(ScaleOut.ReadyLine);
    await Console.In.ReadToEndAsync();
}

return 0;
