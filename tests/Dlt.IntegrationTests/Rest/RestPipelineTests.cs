using System.Globalization;
using Dlt.Rest;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;

namespace Dlt.IntegrationTests.Rest;

/// <summary>A resource over <see cref="RestClient.PaginateAsync"/>, run by a real pipeline into DuckDB.</summary>
public sealed class RestPipelineTests : IAsyncLifetime
{
    private readonly TempPipelineDirectory _dir = new();
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Pages_of_an_api_load_into_a_table_and_its_child_table()
    {
        // Given an issues API of five issues, two per page, behind a bearer token
        _server.Map("/repos/dlt/issues", context =>
        {
            if (context.Request.Headers.Authorization != "Bearer gh-token")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
            var issues = Enumerable.Range((page - 1) * 2 + 1, 2).Where(id => id <= 5)
                .Select(id => $$"""{"id": {{id}}, "title": "Issue {{id}}", "state": "{{(id % 2 == 0 ? "closed" : "open")}}", "labels": [{"name": "l{{id}}"}]}""");
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"total_pages": 3, "issues": [{{string.Join(", ", issues)}}]}""");
        });
        using var client = new RestClient(_server.BaseUrl.AbsoluteUri, new RestClientOptions
        {
            Auth = new BearerTokenAuth("gh-token"),
            Runtime = FastRetries.Settings(),
        });
        var issues = Resource.Create("issues", client.PaginateAsync(
            "repos/dlt/issues", paginator: new PageNumberPaginator(basePage: 1, totalPath: "total_pages"), dataSelector: "issues"));

        // When
        var info = await _dir.CreatePipeline().RunAsync(issues);

        // Then every issue is one row, its labels in the child table
        Assert.Equal(LoadPackageState.Loaded, info.LoadPackages.Single().State);
        Assert.Equal(3, _server.RequestsTo("/repos/dlt/issues").Count);
        using var db = _dir.OpenDatabase();
        Assert.Equal(
            [[1L, "Issue 1", "open"], [2L, "Issue 2", "closed"], [3L, "Issue 3", "open"], [4L, "Issue 4", "closed"], [5L, "Issue 5", "open"]],
            db.Query($"SELECT id, title, state FROM {db.Table("issues")} ORDER BY id"));
        Assert.Equal(
            [[1L, "l1"], [2L, "l2"], [3L, "l3"], [4L, "l4"], [5L, "l5"]],
            db.Query($"SELECT i.id, l.name FROM {db.Table("issues__labels")} l JOIN {db.Table("issues")} i ON l._dlt_parent_id = i._dlt_id ORDER BY i.id"));
    }
}
