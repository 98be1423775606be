using Dlt.Hangfire;

namespace Dlt.Tests.Hangfire;

public sealed class PartitionWorkerOptionsTests
{
    [Fact]
    public void Defaults_poll_often_enough_that_retries_and_the_coordinator_react_within_seconds()
    {
        var options = new PartitionWorkerOptions();

        Assert.Equal(Environment.ProcessorCount, options.WorkerCount);
        Assert.Equal("default", options.Queue);
        Assert.Equal(Environment.MachineName, options.ServerName);
        Assert.Equal(TimeSpan.FromSeconds(1), options.CoordinatorPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.SchedulePollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), options.ShutdownTimeout);
    }

    [Fact]
    public void A_pipeline_name_is_registered_once()
    {
        using var dir = new Dlt.TestKit.TempPipelineDirectory();
        var pipeline = dir.CreatePipeline("events");
        var source = PartitionedSource.Create("events", ["a"], key => Source.Create("events", Resource.Create("events", new[] { new { key } })));
        var registry = new PartitionRegistry().Add(pipeline, source);

        var error = Assert.Throws<ArgumentException>(() => registry.Add(pipeline, source));

        Assert.Contains("'events' is registered already", error.Message, StringComparison.Ordinal);
    }
}
