using System.Net;
using Dlt.Configuration;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Dlt.Rest;

/// <summary>
/// The retry policy of dlt's HTTP helpers on Polly: every attempt has <c>request_timeout</c>; a
/// response 429 or 5xx, a connection error or a timeout is retried until
/// <c>request_max_attempts</c> attempts were made, waiting <see cref="RetryDelay"/> in between.
/// </summary>
internal static class RequestResilience
{
    /// <summary>A pipeline for the settings; <paramref name="timeProvider"/> times the waits and the timeouts.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(RuntimeSettings runtime, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (runtime.RequestMaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = runtime.RequestMaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryDelay.Compute(runtime, args.AttemptNumber + 1, args.Outcome.Result?.Headers.RetryAfter, timeProvider.GetUtcNow())),
            });
        }

        return builder.AddTimeout(runtime.RequestTimeout).Build();
    }

    /// <summary>
    /// Whether dlt retries the outcome: a 429 or 5xx response, a connection error or a timeout. An
    /// error status raised by an auth's own token request was already retried, and is not again.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: RestHttpException } => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: TaskCanceledException { InnerException: TimeoutException } } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    /// <summary>429 Too Many Requests and every 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status is >= 500 and <= 599;
}
