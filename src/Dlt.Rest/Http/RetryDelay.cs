using System.Net.Http.Headers;
using Dlt.Configuration;

namespace Dlt.Rest;

/// <summary>
/// dlt's wait before the next attempt: the response's <c>Retry-After</c> (seconds or an HTTP date)
/// when present, else <c>request_backoff_factor × 2^(attempt − 1)</c> seconds; either capped at
/// <c>request_max_retry_delay</c>.
/// </summary>
internal static class RetryDelay
{
    /// <param name="runtime">The backoff factor and the cap.</param>
    /// <param name="failedAttempt">The attempt that just failed, the first being 1.</param>
    /// <param name="retryAfter">The failed response's <c>Retry-After</c>, if any.</param>
    /// <param name="now">The current time, for a <c>Retry-After</c> date.</param>
    public static TimeSpan Compute(RuntimeSettings runtime, int failedAttempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var cap = runtime.RequestMaxRetryDelay;
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta, cap);
        }

        if (retryAfter?.Date is { } date)
        {
            return Clamp(date - now, cap);
        }

        var seconds = runtime.RequestBackoffFactor * Math.Pow(2, failedAttempt - 1);
        return seconds >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan cap) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
}
