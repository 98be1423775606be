using System.Net.Http.Headers;
using Dlt.Configuration;
using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset s_now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(4, 8.0)]
    public void Waits_backoff_factor_times_two_to_the_attempt_minus_one(int failedAttempt, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryDelay.Compute(new RuntimeSettings(), failedAttempt, null, s_now));
    }

    [Fact]
    public void Scales_with_the_backoff_factor_and_stops_at_the_maximum_delay()
    {
        var runtime = new RuntimeSettings { RequestBackoffFactor = 0.5, RequestMaxRetryDelay = TimeSpan.FromSeconds(3) };

        Assert.Equal(
            [0.5, 1, 2, 3, 3],
            Enumerable.Range(1, 5).Select(a => RetryDelay.Compute(runtime, a, null, s_now).TotalSeconds));
    }

    [Fact]
    public void A_huge_attempt_number_is_capped_without_overflow()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), RetryDelay.Compute(new RuntimeSettings(), 5000, null, s_now));
    }

    [Fact]
    public void Retry_after_seconds_replace_the_backoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.Compute(new RuntimeSettings(), 3, RetryConditionHeaderValue.Parse("7"), s_now));
    }

    [Fact]
    public void A_retry_after_date_waits_until_that_date()
    {
        var header = new RetryConditionHeaderValue(s_now.AddSeconds(12));

        Assert.Equal(TimeSpan.FromSeconds(12), RetryDelay.Compute(new RuntimeSettings(), 1, header, s_now));
    }

    [Fact]
    public void Retry_after_is_clamped_to_the_maximum_delay_and_to_zero()
    {
        var runtime = new RuntimeSettings { RequestMaxRetryDelay = TimeSpan.FromSeconds(10) };

        Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.Compute(runtime, 1, RetryConditionHeaderValue.Parse("3600"), s_now));
        Assert.Equal(TimeSpan.Zero, RetryDelay.Compute(runtime, 1, new RetryConditionHeaderValue(s_now.AddMinutes(-1)), s_now));
    }
}
