using Dlt.Configuration;
using Dlt.DuckDb;
using Dlt.Rest;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Dlt.IntegrationTests.Rest;

/// <summary>Each <c>runtime.request_*</c> key changes what the client does, whichever way it is set.</summary>
public sealed class RestRuntimeConfigurationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, Knob> s_knobs = new Knob[]
    {
        new("request_max_attempts", [("request_max_attempts", "2")], r => r with { RequestMaxAttempts = 2 }, async (server, client, clock) =>
        {
            await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("down"));
            Assert.Equal(2, server.RequestsTo("/down").Count);
        }),
        new("request_backoff_factor", [("request_backoff_factor", "0.01")], r => r with { RequestBackoffFactor = 0.01 }, async (server, client, clock) =>
        {
            await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("down"));
            Assert.Equal([0.01, 0.02, 0.04, 0.08], FastRetries.Waits(clock.DueTimes).Select(d => Math.Round(d.TotalSeconds, 6)));
        }),
        new("request_max_retry_delay", [("request_max_retry_delay", "0.02")], r => r with { RequestMaxRetryDelay = TimeSpan.FromSeconds(0.02) }, async (server, client, clock) =>
        {
            await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("down"));
            Assert.Equal([0.02, 0.02, 0.02, 0.02], FastRetries.Waits(clock.DueTimes).Select(d => Math.Round(d.TotalSeconds, 6)));
        }),
        new("request_timeout", [("request_timeout", "0.3"), ("request_max_attempts", "1")], r => r with { RequestTimeout = TimeSpan.FromSeconds(0.3), RequestMaxAttempts = 1 }, async (server, client, clock) =>
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync("slow"));
            Assert.Contains("timed out after 0.3 s (runtime.request_timeout)", error.Message, StringComparison.Ordinal);
            Assert.Single(await server.RequestsToAsync("/slow", count: 1, TimeSpan.FromSeconds(10)));
        }),
    }.ToDictionary(k => k.Key);

    private readonly TempPipelineDirectory _project = new();
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _server.Map("/down", context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        _server.Map("/slow", async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _project.Dispose();
    }

    public static TheoryData<string, string> KnobsAndProviders()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in s_knobs.Keys)
        {
            foreach (var provider in new[] { "config.toml", "environment", "IConfiguration", "code" })
            {
                data.Add(key, provider);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KnobsAndProviders))]
    public async Task The_key_changes_the_clients_behaviour(string key, string provider)
    {
        // Given the key set in one provider only; an environment of the test's own, whose project folder holds the .dlt files
        var knob = s_knobs[key];
        var environment = new Dictionary<string, string> { ["DLT_PROJECT_DIR"] = _project.Root };
        var options = new RestClientOptions { EnvironmentVariables = environment, TimeProvider = new RecordingTimeProvider() };
        switch (provider)
        {
            case "config.toml":
                Directory.CreateDirectory(Path.Combine(_project.Root, ".dlt"));
                File.WriteAllText(Path.Combine(_project.Root, ".dlt", "config.toml"), "[runtime]\n" + string.Concat(knob.Values.Select(v => $"{v.Key} = {v.Value}\n")));
                break;
            case "environment":
                foreach (var (name, value) in knob.Values)
                {
                    environment["RUNTIME__" + name.ToUpperInvariant()] = value;
                }

                break;
            case "IConfiguration":
                options = options with
                {
                    Configuration = new ConfigurationBuilder().AddInMemoryCollection(knob.Values.Select(v => KeyValuePair.Create("runtime:" + v.Key, (string?)v.Value))).Build(),
                };
                break;
            default:
                options = options with { Runtime = knob.InCode(new RuntimeSettings()) };
                break;
        }

        // When
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, options);

        // Then
        Assert.Equal(knob.InCode(new RuntimeSettings()), client.Runtime);
        await knob.Check(_server, client, (RecordingTimeProvider)options.TimeProvider);
    }

    [Fact]
    public async Task Settings_given_in_code_win_over_the_environment()
    {
        var environment = new Dictionary<string, string> { ["DLT_PROJECT_DIR"] = _project.Root, ["RUNTIME__REQUEST_MAX_ATTEMPTS"] = "4" };
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions
        {
            EnvironmentVariables = environment,
            Runtime = RuntimeSettings.Resolve(environmentVariables: environment) with { RequestMaxAttempts = 2, RequestBackoffFactor = 0 },
        });

        await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("down"));

        Assert.Equal(2, _server.RequestsTo("/down").Count);
    }

    [Fact]
    public void An_invalid_value_fails_when_the_client_is_created_naming_the_key()
    {
        var environment = new Dictionary<string, string> { ["DLT_PROJECT_DIR"] = _project.Root, ["RUNTIME__REQUEST_MAX_ATTEMPTS"] = "zero" };

        var error = Assert.Throws<ConfigException>(() => new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions { EnvironmentVariables = environment }));

        Assert.Contains("runtime.request_max_attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("an integer >= 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_created_inside_a_resource_reads_the_pipelines_configuration()
    {
        // Given a pipeline whose own environment allows two attempts without waiting
        var environment = new Dictionary<string, string>
        {
            ["DLT_PROJECT_DIR"] = _project.Root,
            ["RUNTIME__REQUEST_MAX_ATTEMPTS"] = "2",
            ["RUNTIME__REQUEST_BACKOFF_FACTOR"] = "0",
        };
        var pipeline = Pipeline.Create(
            "rest_config", DuckDbDestination.Create(_project.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "512MB" }), "rest_data",
            _project.Options with { EnvironmentVariables = environment });

        async IAsyncEnumerable<RestPage> Pages()
        {
            using var client = new RestClient(_server.BaseUrl.AbsoluteUri);
            await foreach (var page in client.PaginateAsync("down"))
            {
                yield return page;
            }
        }

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("down", Pages())));

        // Then the client made the pipeline's two attempts, not the default five
        Assert.Equal("extract", error.Step);
        Assert.Contains("500 Server Error: Internal Server Error for url:", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestsTo("/down").Count);
    }

    private sealed record Knob(string Key, (string Key, string Value)[] Values, Func<RuntimeSettings, RuntimeSettings> InCode, Func<LocalHttpServer, RestClient, RecordingTimeProvider, Task> Check);
}
