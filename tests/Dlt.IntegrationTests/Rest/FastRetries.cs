using Dlt.Configuration;

namespace Dlt.IntegrationTests.Rest;

/// <summary>Runtime settings that keep retry waits tiny, so tests count attempts instead of waiting for them.</summary>
internal static class FastRetries
{
    public static RuntimeSettings Settings(int attempts = 5) => new()
    {
        RequestMaxAttempts = attempts,
        RequestBackoffFactor = 0.01,
        RequestMaxRetryDelay = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// The waits between attempts among the timers a client created: the per-attempt timeouts are
    /// created unarmed (infinite) and armed later, so every other due time is a wait.
    /// </summary>
    public static IReadOnlyList<TimeSpan> Waits(IEnumerable<TimeSpan> dueTimes) =>
        [.. dueTimes.Where(d => d != Timeout.InfiniteTimeSpan)];
}
