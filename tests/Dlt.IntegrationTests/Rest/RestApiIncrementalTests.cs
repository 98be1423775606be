using System.Globalization;
using System.Text.Json.Nodes;
using Dlt.Rest;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Rest;

/// <summary>The declarative source's <c>incremental</c> against a real HTTP server on 127.0.0.1, loaded into DuckDB over two runs.</summary>
public sealed class RestApiIncrementalTests : IAsyncLifetime
{
    private readonly TempPipelineDirectory _dir = new();
    private readonly List<(int Number, string UpdatedAt)> _issues = [(1, "2026-01-01T00:00:00Z"), (2, "2026-01-02T00:00:00Z")];
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _server.Map("/api/issues", context =>
        {
            // GitHub's semantics: issues updated at or after 'since'.
            var since = context.Request.Query["since"].FirstOrDefault() ?? "";
            var issues = _issues.Where(i => string.CompareOrdinal(i.UpdatedAt, since) >= 0)
                .Select(i => new JsonObject { ["id"] = i.Number, ["number"] = i.Number, ["updated_at"] = i.UpdatedAt });
            return LocalHttpServer.WriteJsonAsync(context, new JsonArray([.. issues]).ToJsonString());
        });
        for (var issue = 1; issue <= 3; issue++)
        {
            var n = issue;
            _server.MapJson($"/api/issues/{n}/comments", $$"""[{"id": {{n * 100 + 1}}, "body": "c1 on {{n}}"}]""");
        }

        _server.Map("/api/events", context =>
        {
            var from = long.Parse(context.Request.Query["from"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
            var to = long.Parse(context.Request.Query["to"].FirstOrDefault() ?? "1000", CultureInfo.InvariantCulture);
            var events = Enumerable.Range(1, 6).Where(seq => seq >= from && seq < to).Select(seq => new JsonObject { ["seq"] = seq });
            return LocalHttpServer.WriteJsonAsync(context, new JsonArray([.. events]).ToJsonString());
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("""
        "incremental": {"cursor_path": "updated_at", "initial_value": "2026-01-01T00:00:00Z", "start_param": "since"}
        """)]
    [InlineData("""
        "params": {"since": {"type": "incremental", "cursor_path": "updated_at", "initial_value": "2026-01-01T00:00:00Z"}}
        """)]
    public async Task Issues_with_an_incremental_on_updated_at_and_their_comments_load_only_new_rows_on_the_second_run(string incremental)
    {
        // Given issues with incremental on updated_at (as the endpoint's incremental with start_param since, or as the param since) and their comments, as a Python dlt user writes it
        var config = RestApiConfig.FromJson($$$$"""
            {
              "client": {"base_url": "{{{{_server.BaseUrl}}}}api/"},
              "resources": [
                {"name": "issues", "primary_key": "id", "endpoint": {"path": "issues", "paginator": "single_page",
                  {{{{incremental}}}}}},
                {"name": "comments", "primary_key": "id", "write_disposition": "merge", "include_from_parent": ["number"],
                  "endpoint": {"path": "issues/{resources.issues.number}/comments", "paginator": "single_page"}}
              ]
            }
            """);
        var source = RestApiSource.Create(config, "tracker");

        // When the first run loads, and a second runs after issue 3 was filed
        await _dir.CreatePipeline().RunAsync(source);
        using (var db = _dir.OpenDatabase())
        {
            Assert.Equal([[1L, 1L], [2L, 2L]], db.Query($"SELECT id, number FROM {db.Table("issues")} ORDER BY id"));
            Assert.Equal([[101L, "c1 on 1", 1L], [201L, "c1 on 2", 2L]], db.Query($"SELECT id, body, _issues_number FROM {db.Table("comments")} ORDER BY id"));
        }

        var firstRun = _server.RequestsTo("/api/issues");
        _issues.Add((3, "2026-01-03T00:00:00Z"));
        await _dir.CreatePipeline().RunAsync(source);

        // Then each run asked for issues once (comments read that run's pages): the first from the initial value, the second from the last value; issue 2 (at the last value) is not loaded twice
        Assert.Equal("2026-01-01T00:00:00Z", Assert.Single(firstRun).Query("since"));
        var secondRun = _server.RequestsTo("/api/issues").Skip(firstRun.Count).ToList();
        Assert.Equal("2026-01-02T00:00:00Z", Assert.Single(secondRun).Query("since"));
        using var after = _dir.OpenDatabase();
        Assert.Equal([[1L, 1L], [2L, 2L], [3L, 3L]], after.Query($"SELECT id, number FROM {after.Table("issues")} ORDER BY id"));
        Assert.Equal(
            [[101L, "c1 on 1", 1L], [201L, "c1 on 2", 2L], [301L, "c1 on 3", 3L]],
            after.Query($"SELECT id, body, _issues_number FROM {after.Table("comments")} ORDER BY id"));
    }

    [Fact]
    public async Task An_integer_cursor_with_an_end_value_sends_both_params_and_keeps_the_window()
    {
        // Given a C# config: an integer cursor, a fixed window [2, 5), and the start value also as a placeholder param
        var config = new RestApiConfig
        {
            Client = new RestApiClientConfig { BaseUrl = $"{_server.BaseUrl}api/" },
            Resources =
            [
                new EndpointResource
                {
                    Name = "events",
                    Endpoint = new Dlt.Rest.Endpoint
                    {
                        Path = "events",
                        Paginator = new SinglePagePaginator(),
                        Params = new Dictionary<string, object?> { ["after"] = "{incremental.start_value}" },
                        Incremental = new IncrementalConfig { CursorPath = "seq", InitialValue = 2, EndValue = 5, StartParam = "from", EndParam = "to" },
                    },
                },
            ],
        };

        // When it runs twice
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "feed"));
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "feed"));

        // Then both runs asked for the same window (an end value keeps no state) and loaded seq 2..4 each time
        Assert.All(_server.RequestsTo("/api/events"), r => Assert.Equal(("2", "5", "2"), (r.Query("from"), r.Query("to"), r.Query("after"))));
        Assert.Equal(2, _server.RequestsTo("/api/events").Count);
        using var db = _dir.OpenDatabase();
        Assert.Equal([[2L], [2L], [3L], [3L], [4L], [4L]], db.Query($"SELECT seq FROM {db.Table("events")} ORDER BY seq"));
    }

    [Fact]
    public void An_incremental_placeholder_without_an_incremental_an_end_value_without_initial_value_two_incrementals_and_convert_in_json_are_refused()
    {
        var error = Assert.Throws<ConfigException>(() => RestApiSource.Create(RestApiConfig.FromJson("""
            {
              "client": {"base_url": "http://127.0.0.1/"},
              "resources": [
                {"name": "a", "endpoint": {"params": {"since": "{incremental.start_value}"}}},
                {"name": "b", "endpoint": {"incremental": {"cursor_path": "updated_at", "end_value": "2026-02-01", "start_param": "since"}}},
                {"name": "c", "endpoint": {"params": {"since": {"type": "incremental", "cursor_path": "updated_at"}}, "incremental": {"cursor_path": "updated_at"}}}
              ]
            }
            """)));
        var keys = Assert.Throws<ConfigException>(() => RestApiConfig.FromJson("""
            {
              "client": {"base_url": "http://127.0.0.1/"},
              "resources": [
                {"name": "a", "endpoint": {"params": {"since": {"type": "incremental", "cursor_path": "updated_at", "start_param": "from"}}}},
                {"name": "b", "endpoint": {"params": {"since": {"type": "incremental", "cursor_path": "updated_at", "convert": "to_date"}}}}
              ]
            }
            """));

        Assert.Contains("resources[0].endpoint.params.since", error.Message, StringComparison.Ordinal);
        Assert.Contains("resources[1].endpoint.incremental.initial_value", error.Message, StringComparison.Ordinal);
        Assert.Contains("has params.since and incremental", error.Message, StringComparison.Ordinal);
        Assert.Contains("resources[0].endpoint.params.since.start_param", keys.Message, StringComparison.Ordinal);
        Assert.Contains("resources[1].endpoint.params.since.convert", keys.Message, StringComparison.Ordinal);
        Assert.Contains("IncrementalConfig.Convert", keys.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incremental_param_without_initial_value_loads_everything_first_then_asks_from_the_last_value()
    {
        // Given the param form without initial_value
        var config = RestApiConfig.FromJson($$$$"""
            {
              "client": {"base_url": "{{{{_server.BaseUrl}}}}api/"},
              "resources": [
                {"name": "issues", "primary_key": "id", "endpoint": {"path": "issues", "paginator": "single_page",
                  "params": {"since": {"type": "incremental", "cursor_path": "updated_at"}, "after": "{incremental.start_value}"}}}
              ]
            }
            """);

        // When it runs twice, issue 3 filed in between
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));
        _issues.Add((3, "2026-01-03T00:00:00Z"));
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));

        // Then the first run sent no since (a placeholder reads None, as in dlt), the second the newest updated_at of the first
        Assert.Equal(
            [(null, "None"), ("2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z")],
            _server.RequestsTo("/api/issues").Select(r => (r.Query("since"), r.Query("after"))));
        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L], [2L], [3L]], db.Query($"SELECT id FROM {db.Table("issues")} ORDER BY id"));
    }

    [Fact]
    public async Task Convert_turns_the_cursor_values_into_what_the_requests_carry()
    {
        // Given a C# config whose incremental param sends only the date of the updated_at cursor
        var config = new RestApiConfig
        {
            Client = new RestApiClientConfig { BaseUrl = $"{_server.BaseUrl}api/" },
            Resources =
            [
                new EndpointResource
                {
                    Name = "issues",
                    PrimaryKey = ["id"],
                    Endpoint = new Dlt.Rest.Endpoint
                    {
                        Path = "issues",
                        Paginator = new SinglePagePaginator(),
                        Params = new Dictionary<string, object?>
                        {
                            ["since"] = new IncrementalConfig { CursorPath = "updated_at", InitialValue = "2026-01-01T00:00:00Z", Convert = value => ((string)value)[..10] },
                            ["day"] = "{incremental.start_value}",
                        },
                    },
                },
            ],
        };

        // When it runs twice
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));

        // Then both the param and the placeholder carried the converted start value of each run
        Assert.Equal(
            [("2026-01-01", "2026-01-01"), ("2026-01-02", "2026-01-02")],
            _server.RequestsTo("/api/issues").Select(r => (r.Query("since"), r.Query("day"))));
        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L], [2L]], db.Query($"SELECT id FROM {db.Table("issues")} ORDER BY id"));
    }
}
