namespace Dlt.TestKit;

/// <summary>The settings the scale-out tests and their worker processes (tests/Dlt.ScaleOutWorker) share.</summary>
public static class ScaleOut
{
    public const string PipelineName = "events";

    /// <summary>What a worker prints once its Hangfire server runs.</summary>
    public const string ReadyLine = "ready";

    /// <summary>How long the job of a killed worker stays invisible before another worker takes it.</summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a distributed lock held by a killed worker blocks the others.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);
}
