using System.Net;
using Dlt.Rest;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;

namespace Dlt.IntegrationTests.Rest;

/// <summary>dlt's retry policy against a real server: which responses are retried, how many times, how long in between.</summary>
public sealed class RestClientRetryTests : IAsyncLifetime
{
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Answers <paramref name="failures"/> requests with <paramref name="status"/>, then 200 with <c>{"ok": true}</c>.</summary>
    private void FailThenSucceed(string path, int failures, int status, string? retryAfter = null) =>
        _server.Map(path, context =>
        {
            if (_server.RequestsTo(path).Count <= failures)
            {
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }

            return LocalHttpServer.WriteJsonAsync(context, """{"ok": true}""");
        });

    [Theory]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    public async Task Retries_429_and_5xx_until_a_success(int status)
    {
        // Given an endpoint that fails twice
        FailThenSucceed("/flaky", failures: 2, status);
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = FastRetries.Settings() });

        // When
        using var response = await client.GetAsync("/flaky");

        // Then the third attempt got through
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"ok": true}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, _server.RequestsTo("/flaky").Count);
    }

    [Fact]
    public async Task Stops_after_the_maximum_attempts_and_raises_dlts_error_with_secrets_masked()
    {
        // Given an endpoint that always fails
        FailThenSucceed("/down", failures: int.MaxValue, StatusCodes.Status500InternalServerError);
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = FastRetries.Settings(attempts: 3) });

        // When
        var error = await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("/down", new Dictionary<string, string> { ["page"] = "1", ["api_key"] = "s3cr3t" }));

        // Then
        Assert.Equal(3, _server.RequestsTo("/down").Count);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal($"500 Server Error: Internal Server Error for url: {_server.BaseUrl}down?page=1&api_key=***", error.Message);
        Assert.IsAssignableFrom<HttpRequestException>(error);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "400 Client Error: Bad Request")]
    [InlineData(StatusCodes.Status401Unauthorized, "401 Client Error: Unauthorized")]
    [InlineData(StatusCodes.Status404NotFound, "404 Client Error: Not Found")]
    public async Task Client_errors_other_than_429_are_not_retried(int status, string expected)
    {
        FailThenSucceed("/missing", failures: int.MaxValue, status);
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = FastRetries.Settings() });

        var error = await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("missing"));

        Assert.Single(_server.RequestsTo("/missing"));
        Assert.Equal($"{expected} for url: {_server.BaseUrl}missing", error.Message);
    }

    [Fact]
    public async Task Waits_grow_exponentially_from_the_backoff_factor_up_to_the_maximum_delay()
    {
        // Given
        FailThenSucceed("/down", failures: int.MaxValue, StatusCodes.Status502BadGateway);
        var clock = new RecordingTimeProvider();
        var runtime = FastRetries.Settings(attempts: 5) with { RequestBackoffFactor = 0.02, RequestMaxRetryDelay = TimeSpan.FromSeconds(0.05) };
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = runtime, TimeProvider = clock });

        // When
        await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("down"));

        // Then four waits: 0.02, 0.04, then capped at 0.05
        Assert.Equal(5, _server.RequestsTo("/down").Count);
        Assert.Equal([0.02, 0.04, 0.05, 0.05], FastRetries.Waits(clock.DueTimes).Select(d => Math.Round(d.TotalSeconds, 6)));
    }

    [Fact]
    public async Task Retry_after_seconds_are_waited_instead_of_the_backoff()
    {
        // Given a server asking to come back in one second
        FailThenSucceed("/limited", failures: 1, StatusCodes.Status429TooManyRequests, retryAfter: "1");
        var clock = new RecordingTimeProvider();
        var runtime = FastRetries.Settings();
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = runtime, TimeProvider = clock });

        // When
        using var response = await client.GetAsync("limited");

        // Then the client waited the second, not the 0.01 s backoff
        var requests = _server.RequestsTo("/limited");
        Assert.Equal(2, requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1)], FastRetries.Waits(clock.DueTimes));
        Assert.True(requests[1].Since(requests[0]) >= TimeSpan.FromSeconds(0.95), $"the second attempt came {requests[1].Since(requests[0])} after the first");
    }

    [Fact]
    public async Task Retry_after_dates_are_clamped_to_the_maximum_delay()
    {
        FailThenSucceed("/limited", failures: 1, StatusCodes.Status503ServiceUnavailable, retryAfter: DateTimeOffset.UtcNow.AddHours(1).ToString("R"));
        var clock = new RecordingTimeProvider();
        var runtime = FastRetries.Settings() with { RequestMaxRetryDelay = TimeSpan.FromSeconds(0.1) };
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = runtime, TimeProvider = clock });

        using var response = await client.GetAsync("limited");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(0.1)], FastRetries.Waits(clock.DueTimes));
    }

    [Fact]
    public async Task A_slow_response_times_out_on_every_attempt_and_raises_a_timeout()
    {
        // Given an endpoint slower than the timeout
        _server.Map("/slow", async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var runtime = FastRetries.Settings(attempts: 2) with { RequestTimeout = TimeSpan.FromSeconds(0.3) };
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = runtime });

        // When
        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync("slow", new Dictionary<string, string> { ["token"] = "s3cr3t" }));

        // Then
        Assert.Equal(2, (await _server.RequestsToAsync("/slow", count: 2, TimeSpan.FromSeconds(10))).Count);
        Assert.Equal(
            $"GET {_server.BaseUrl}slow?token=*** timed out after 0.3 s (runtime.request_timeout) on the last of 2 attempts (runtime.request_max_attempts).",
            error.Message);
    }

    [Fact]
    public async Task Connection_errors_are_retried_then_raised()
    {
        // Given a port where nothing listens any more
        var closed = _server.BaseUrl;
        await _server.DisposeAsync();
        _server = await LocalHttpServer.StartAsync();
        var clock = new RecordingTimeProvider();
        var runtime = FastRetries.Settings(attempts: 3);
        using var client = new RestClient(closed.AbsoluteUri, new RestClientOptions { Runtime = runtime, TimeProvider = clock });

        // When
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("items"));

        // Then three attempts were made: two waits in between
        Assert.IsNotType<RestHttpException>(error);
        Assert.Equal(2, FastRetries.Waits(clock.DueTimes).Count);
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        FailThenSucceed("/flaky", failures: 1, StatusCodes.Status503ServiceUnavailable);
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Runtime = FastRetries.Settings(attempts: 1) });

        await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("flaky"));

        Assert.Single(_server.RequestsTo("/flaky"));
    }
}
