using System.Globalization;
using System.Text.Json.Nodes;
using Dlt.Rest;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;
using Endpoint = Dlt.Rest.Endpoint;

namespace Dlt.IntegrationTests.Rest;

/// <summary>The declarative REST source against a real HTTP server on 127.0.0.1, loaded into DuckDB.</summary>
public sealed class RestApiSourceTests : IAsyncLifetime
{
    private readonly TempPipelineDirectory _dir = new();
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        MapIssueTracker(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_python_dlt_config_in_json_loads_issues_their_comments_and_labels_with_three_paginators()
    {
        // Given a rest_api dict as a Python dlt user writes it: page_number issues, json_link comments per issue, offset labels
        var config = RestApiConfig.FromJson($$$$"""
            {
              "client": {"base_url": "{{{{_server.BaseUrl}}}}api/", "auth": {"type": "bearer", "token": "gh-token"}},
              "resource_defaults": {"primary_key": "id", "write_disposition": "merge", "endpoint": {"params": {"per_page": 2}}},
              "resources": [
                {"name": "issues", "endpoint": {"path": "issues", "params": {"state": "open"},
                  "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}, "data_selector": "items"}},
                {"name": "comments", "include_from_parent": ["title"],
                  "endpoint": {"path": "issues/{issue}/comments", "params": {"issue": {"type": "resolve", "resource": "issues", "field": "number"}},
                    "paginator": "json_link", "data_selector": "data"}},
                {"name": "labels", "endpoint": {"path": "labels", "paginator": {"type": "offset", "limit": 2, "total_path": null}}}
              ]
            }
            """);

        // When
        var info = await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));

        // Then the exact rows, the parent's title copied into each comment
        Assert.Equal(LoadPackageState.Loaded, info.LoadPackages.Single().State);
        using var db = _dir.OpenDatabase();
        Assert.Equal(
            [[1L, 1L, "Issue 1"], [2L, 2L, "Issue 2"], [3L, 3L, "Issue 3"]],
            db.Query($"SELECT id, number, title FROM {db.Table("issues")} ORDER BY id"));
        Assert.Equal(
            [[101L, "c1 on 1", "Issue 1"], [102L, "c2 on 1", "Issue 1"], [201L, "c1 on 2", "Issue 2"], [202L, "c2 on 2", "Issue 2"], [301L, "c1 on 3", "Issue 3"], [302L, "c2 on 3", "Issue 3"]],
            db.Query($"SELECT id, body, _issues_title FROM {db.Table("comments")} ORDER BY id"));
        Assert.Equal([[1L, "bug"], [2L, "docs"], [3L, "perf"]], db.Query($"SELECT id, name FROM {db.Table("labels")} ORDER BY id"));
        Assert.All(_server.RequestsTo("/api/issues"), r => Assert.Contains("state=open", r.QueryString, StringComparison.Ordinal));
        Assert.All(_server.Requests, r => Assert.Equal("Bearer gh-token", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task The_same_config_in_toml_loads_the_same_rows()
    {
        // Given
        var config = RestApiConfig.FromToml($$"""
            [client]
            base_url = "{{_server.BaseUrl}}api/"
            auth = { type = "bearer", token = "gh-token" }

            [[resources]]
            name = "issues"
            primary_key = "id"
            endpoint = { path = "issues", data_selector = "items", params = { per_page = 2 }, paginator = { type = "page_number", base_page = 1, total_path = "total_pages" } }

            [[resources]]
            name = "comments"
            endpoint = { path = "issues/{resources.issues.number}/comments", paginator = "json_link", data_selector = "data" }
            """);

        // When
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));

        // Then
        using var db = _dir.OpenDatabase();
        Assert.Equal([[1L], [2L], [3L]], db.Query($"SELECT id FROM {db.Table("issues")} ORDER BY id"));
        Assert.Equal(6L, db.Query($"SELECT count(*) FROM {db.Table("comments")}").Single()[0]);
    }

    [Fact]
    public async Task Csharp_config_applies_processing_steps_and_ignores_404_and_empty_bodies()
    {
        // Given issue 2's comments answer 404 and the reactions of every issue an empty body
        _server.Map("/api/issues/2/comments", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("""{"message": "Not Found"}""");
        });
        var config = new RestApiConfig
        {
            Client = new RestApiClientConfig { BaseUrl = _server.BaseUrl + "api/", Auth = new BearerTokenAuth("gh-token") },
            Resources =
            [
                new EndpointResource
                {
                    Name = "issues",
                    Selected = false,
                    Endpoint = new Endpoint { Path = "issues", Params = new Dictionary<string, object?> { ["per_page"] = 3 }, DataSelector = "items", Paginator = new SinglePagePaginator() },
                },
                new EndpointResource
                {
                    Name = "comments",
                    TableName = "issue_comments",
                    Endpoint = new Endpoint
                    {
                        Path = "issues/{resources.issues.number}/comments",
                        Paginator = new JsonLinkPaginator(),
                        DataSelector = "data",
                        ResponseActions = [new ResponseAction { StatusCode = 404, Action = "ignore" }],
                    },
                    ProcessingSteps =
                    [
                        ProcessingStep.Filter(c => (long)c["id"]! % 100 == 1),
                        ProcessingStep.Map(c => { c["body"] = c["body"]!.GetValue<string>().ToUpperInvariant(); return c; }),
                        ProcessingStep.ExcludeColumns("author"),
                    ],
                },
                new EndpointResource
                {
                    Name = "reactions",
                    Endpoint = new Endpoint
                    {
                        Path = "issues/{resources.issues.number}/reactions",
                        ResponseActions = [new ResponseAction { Content = "", Action = "ignore" }],
                    },
                },
            ],
        };

        // When
        await _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker"));

        // Then issues are not loaded, issue 2 has no comments, the steps ran, and reactions made no table
        using var db = _dir.OpenDatabase();
        Assert.Equal([[101L, "C1 ON 1"], [301L, "C1 ON 3"]], db.Query($"SELECT id, body FROM {db.Table("issue_comments")} ORDER BY id"));
        Assert.DoesNotContain("author", db.Columns("issue_comments").Select(c => c.Name));
        Assert.DoesNotContain("issues", db.Tables());
        Assert.DoesNotContain("reactions", db.Tables());
        Assert.Equal(3, _server.RequestsTo("/api/issues/1/reactions").Count + _server.RequestsTo("/api/issues/2/reactions").Count + _server.RequestsTo("/api/issues/3/reactions").Count);
    }

    [Fact]
    public async Task A_child_that_starts_after_its_parent_finished_reads_the_same_run_so_the_parent_is_requested_once()
    {
        // Given issues (two pages) and their comments, where comments starts only once issues has finished, as a busy extract may schedule it
        var config = RestApiConfig.FromJson($$$$"""
            {
              "client": {"base_url": "{{{{_server.BaseUrl}}}}api/", "auth": {"type": "bearer", "token": "gh-token"}},
              "resources": [
                {"name": "issues", "endpoint": {"path": "issues", "params": {"per_page": 2},
                  "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}, "data_selector": "items"}},
                {"name": "comments", "endpoint": {"path": "issues/{resources.issues.number}/comments", "paginator": "json_link", "data_selector": "data"}}
              ]
            }
            """);
        var resources = RestApiSource.Create(config, "tracker").Resources;
        var issuesFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = Source.Create(
            "tracker",
            Resource.Create("issues", context => SignalAfter(resources[0].Bind(context).Items.ReadAsync(context.CancellationToken), issuesFinished)),
            Resource.Create("comments", context => StartAfter(issuesFinished.Task, resources[1].Bind(context).Items.ReadAsync(context.CancellationToken))));

        // When it runs twice
        await _dir.CreatePipeline().RunAsync(late);
        issuesFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _dir.CreatePipeline().RunAsync(late);

        // Then each run requested each page of issues once, and loaded every comment of the issues
        Assert.Equal(["1", "2", "1", "2"], _server.RequestsTo("/api/issues").Select(r => r.Query("page")));
        using var db = _dir.OpenDatabase();
        Assert.Equal([[101L, 2L], [102L, 2L], [201L, 2L], [202L, 2L], [301L, 2L], [302L, 2L]], db.Query($"SELECT id, count(*) FROM {db.Table("comments")} GROUP BY id ORDER BY id"));
    }

    [Fact]
    public void A_bad_config_lists_every_problem_with_its_path_before_any_request()
    {
        // Given an unknown key, a placeholder naming a missing resource, one naming no field, and a circular reference
        var json = $$$"""
            {
              "client": {"base_url": "{{{_server.BaseUrl}}}", "paginatr": "auto"},
              "resources": [
                {"name": "comments", "endpoint": {"path": "issues/{resources.isues.number}/comments"}},
                {"name": "events", "endpoint": {"path": "events/{resources.issues}"}},
                {"name": "a", "endpoint": "a/{resources.b.id}"},
                {"name": "b", "endpoint": "b/{resources.a.id}"}
              ]
            }
            """;

        // When
        var unknownKey = Assert.Throws<ConfigException>(() => RestApiConfig.FromJson(json));
        var config = RestApiConfig.FromJson(json.Replace("\"paginatr\"", "\"paginator\"", StringComparison.Ordinal));
        var graph = Assert.Throws<ConfigException>(() => RestApiSource.Create(config));

        // Then
        Assert.Equal(["client.paginatr"], unknownKey.Problems.Select(p => p.Key));
        Assert.Equal(["resources[1].endpoint.path", "resources[0].endpoint", "resources[2].endpoint", "resources[3].endpoint"], graph.Problems.Select(p => p.Key));
        Assert.Contains("'isues', which is not in 'resources'", graph.Message, StringComparison.Ordinal);
        Assert.Contains("names no field", graph.Message, StringComparison.Ordinal);
        Assert.Contains("circular parent-child reference: a -> b -> a", graph.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_401_fails_at_once_naming_the_auth_but_not_its_secret()
    {
        // Given a wrong token
        var config = new RestApiConfig
        {
            Client = new RestApiClientConfig { BaseUrl = _server.BaseUrl + "api/", Auth = new BearerTokenAuth("wrong-secret") },
            Resources = [new EndpointResource { Name = "issues", Endpoint = new Endpoint { DataSelector = "items", Paginator = new SinglePagePaginator() } }],
        };

        // When
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker")));

        // Then one request, and the message names the auth without the token
        Assert.Single(_server.RequestsTo("/api/issues"));
        Assert.Contains("401 Client Error", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("BearerTokenAuth(token: ***)", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_selector_that_matches_nothing_names_the_resource_and_the_path()
    {
        // Given
        var config = new RestApiConfig
        {
            Client = new RestApiClientConfig { BaseUrl = _server.BaseUrl + "api/", Auth = new BearerTokenAuth("gh-token") },
            Resources = [new EndpointResource { Name = "issues", Endpoint = new Endpoint { DataSelector = "results", Paginator = new SinglePagePaginator() } }],
        };

        // When
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _dir.CreatePipeline().RunAsync(RestApiSource.Create(config, "tracker")));

        // Then
        Assert.Contains("Resource 'issues': the data_selector 'results' matches nothing in the response of GET /api/issues (top level: total_pages, items)", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Three open issues (two per page), two comments per issue (one per page, linked), three labels (offset).</summary>
    private static async IAsyncEnumerable<object?> SignalAfter(IAsyncEnumerable<object?> items, TaskCompletionSource finished)
    {
        await foreach (var item in items)
        {
            yield return item;
        }

        finished.SetResult();
    }

    private static async IAsyncEnumerable<object?> StartAfter(Task start, IAsyncEnumerable<object?> items)
    {
        await start;
        await foreach (var item in items)
        {
            yield return item;
        }
    }

    private static void MapIssueTracker(LocalHttpServer server)
    {
        server.Map("/api/issues", context =>
        {
            if (context.Request.Headers.Authorization != "Bearer gh-token")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            var perPage = int.Parse(context.Request.Query["per_page"].FirstOrDefault() ?? "2", CultureInfo.InvariantCulture);
            var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
            var issues = Enumerable.Range((page - 1) * perPage + 1, perPage).Where(n => n <= 3)
                .Select(n => $$"""{"id": {{n}}, "number": {{n}}, "title": "Issue {{n}}"}""");
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"total_pages": {{(3 + perPage - 1) / perPage}}, "items": [{{string.Join(", ", issues)}}]}""");
        });
        for (var issue = 1; issue <= 3; issue++)
        {
            var n = issue;
            server.Map($"/api/issues/{n}/comments", context =>
            {
                var second = context.Request.Query["cursor"] == "2";
                var id = n * 100 + (second ? 2 : 1);
                var next = second ? "null" : $"\"{server.BaseUrl}api/issues/{n}/comments?cursor=2\"";
                return LocalHttpServer.WriteJsonAsync(context, $$"""{"data": [{"id": {{id}}, "body": "c{{(second ? 2 : 1)}} on {{n}}", "author": "u{{n}}"}], "next": {{next}}}""");
            });
            server.Map($"/api/issues/{n}/reactions", context => Task.CompletedTask);
        }

        server.Map("/api/labels", context =>
        {
            var offset = int.Parse(context.Request.Query["offset"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
            var names = new[] { "bug", "docs", "perf" };
            var labels = Enumerable.Range(offset, 2).Where(i => i < names.Length).Select(i => new JsonObject { ["id"] = i + 1, ["name"] = names[i] });
            return LocalHttpServer.WriteJsonAsync(context, new JsonArray([.. labels]).ToJsonString());
        });
    }
}
