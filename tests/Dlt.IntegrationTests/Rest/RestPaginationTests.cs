using System.Globalization;
using System.Text;
using System.Text.Json;
using Dlt.Rest;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;

namespace Dlt.IntegrationTests.Rest;

/// <summary>Every paginator, and dlt's detection of paginator and records, walking a real server's endpoints over seven records.</summary>
public sealed class RestPaginationTests : IAsyncLifetime
{
    private const int Total = 7;
    private LocalHttpServer _server = null!;
    private RestClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _client = new RestClient(_server.Url("api/v1").AbsoluteUri, new RestClientOptions { Runtime = FastRetries.Settings() });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static string Records(int from, int count) =>
        "[" + string.Join(", ", Enumerable.Range(from, Math.Max(0, Math.Min(count, Total - from))).Select(i => $$"""{"id": {{i}}}""")) + "]";

    private static int Int(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name], CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private async Task<(List<int> Ids, int Pages)> CollectAsync(IAsyncEnumerable<RestPage> pages)
    {
        var ids = new List<int>();
        var count = 0;
        await foreach (var page in pages)
        {
            count++;
            ids.AddRange(page.Select(item => JsonSerializer.Deserialize<JsonElement>(item.Utf8.Span).GetProperty("id").GetInt32()));
        }

        return (ids, count);
    }

    private static readonly int[] s_all = [0, 1, 2, 3, 4, 5, 6];

    [Fact]
    public async Task Offset_paginator_walks_offset_and_limit_up_to_the_total()
    {
        _server.Map("/api/v1/items", context =>
            LocalHttpServer.WriteJsonAsync(context, $$"""{"items": {{Records(Int(context, "offset", 0), Int(context, "limit", 100))}}, "total": {{Total}}}"""));

        var (ids, pages) = await CollectAsync(_client.PaginateAsync("items", paginator: new OffsetPaginator(limit: 3)));

        Assert.Equal(s_all, ids);
        Assert.Equal(3, pages);
        Assert.Equal(["?offset=0&limit=3", "?offset=3&limit=3", "?offset=6&limit=3"], _server.RequestsTo("/api/v1/items").Select(r => r.QueryString));
    }

    [Fact]
    public async Task Offset_paginator_stops_on_the_has_more_flag()
    {
        _server.Map("/api/v1/items", context =>
        {
            var offset = Int(context, "offset", 0);
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"items": {{Records(offset, 5)}}, "has_more": "{{(offset + 5 < Total ? "true" : "false")}}"}""");
        });

        var (ids, pages) = await CollectAsync(_client.PaginateAsync("items", paginator: new OffsetPaginator(limit: 5, totalPath: null, hasMorePath: "has_more")));

        Assert.Equal(s_all, ids);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task Page_number_paginator_from_page_one_up_to_the_total_pages()
    {
        _server.Map("/api/v1/items", context =>
        {
            var page = Int(context, "p", 1);
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"data": {{Records((page - 1) * 3, 3)}}, "meta": {"total_pages": 3} }""");
        });

        var (ids, pages) = await CollectAsync(_client.PaginateAsync(
            "items", query: new Dictionary<string, string> { ["size"] = "3" }, paginator: new PageNumberPaginator(basePage: 1, pageParam: "p", totalPath: "meta.total_pages")));

        Assert.Equal(s_all, ids);
        Assert.Equal(3, pages);
        Assert.Equal(["?size=3&p=1", "?size=3&p=2", "?size=3&p=3"], _server.RequestsTo("/api/v1/items").Select(r => r.QueryString));
    }

    [Fact]
    public async Task Page_number_paginator_without_a_total_stops_after_an_empty_page()
    {
        _server.Map("/api/v1/items", context => LocalHttpServer.WriteJsonAsync(context, Records(Int(context, "page", 0) * 4, 4)));

        var (ids, pages) = await CollectAsync(_client.PaginateAsync("items", paginator: new PageNumberPaginator(totalPath: null)));

        Assert.Equal(s_all, ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Json_link_paginator_follows_absolute_and_relative_next_urls()
    {
        _server.Map("/api/v1/items", context =>
        {
            var page = Int(context, "page", 0);
            var next = page switch
            {
                0 => $"\"{_server.Url("api/v1/items?page=1")}\"",
                1 => "\"items?page=2\"",
                _ => "null",
            };
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"results": {{Records(page * 3, 3)}}, "links": {"next": {{next}} } }""");
        });

        var (ids, _) = await CollectAsync(_client.PaginateAsync("items", query: new Dictionary<string, string> { ["page"] = "0" }, paginator: new JsonLinkPaginator("links.next")));

        Assert.Equal(s_all, ids);
        Assert.Equal(["?page=0", "?page=1", "?page=2"], _server.RequestsTo("/api/v1/items").Select(r => r.QueryString));
    }

    [Fact]
    public async Task Header_link_paginator_follows_the_link_header()
    {
        _server.Map("/api/v1/items", context =>
        {
            var page = Int(context, "page", 0);
            if (page < 2)
            {
                context.Response.Headers.Link = $"<{_server.Url($"api/v1/items?page={page + 1}")}>; rel=\"next\", <{_server.Url("api/v1/items?page=2")}>; rel=\"last\"";
            }

            return LocalHttpServer.WriteJsonAsync(context, Records(page * 3, 3));
        });

        var (ids, pages) = await CollectAsync(_client.PaginateAsync("items", paginator: new HeaderLinkPaginator()));

        Assert.Equal(s_all, ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Json_cursor_paginator_sends_the_cursor_until_it_is_null()
    {
        _server.Map("/api/v1/items", context =>
        {
            var from = int.Parse(context.Request.Query["cursor"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
            var next = from + 3 < Total ? $"\"{from + 3}\"" : "null";
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"data": {{Records(from, 3)}}, "cursors": {"next": {{next}} } }""");
        });

        var (ids, _) = await CollectAsync(_client.PaginateAsync("items", paginator: new JsonResponseCursorPaginator()));

        Assert.Equal(s_all, ids);
        Assert.Equal(["", "?cursor=3", "?cursor=6"], _server.RequestsTo("/api/v1/items").Select(r => r.QueryString));
    }

    [Fact]
    public async Task Header_cursor_paginator_reads_the_cursor_header()
    {
        _server.Map("/api/v1/items", context =>
        {
            var from = Int(context, "after", 0);
            if (from + 3 < Total)
            {
                context.Response.Headers["X-Next"] = (from + 3).ToString(CultureInfo.InvariantCulture);
            }

            return LocalHttpServer.WriteJsonAsync(context, Records(from, 3));
        });

        var (ids, _) = await CollectAsync(_client.PaginateAsync("items", paginator: new HeaderCursorPaginator("X-Next", "after")));

        Assert.Equal(s_all, ids);
    }

    [Fact]
    public async Task Single_page_paginator_makes_one_request()
    {
        _server.Map("/api/v1/items", context => LocalHttpServer.WriteJsonAsync(context, $$"""{"data": {{Records(0, Total)}}, "next": "{{_server.Url("api/v1/items?page=2")}}"}"""));

        var (ids, pages) = await CollectAsync(_client.PaginateAsync("items", paginator: new SinglePagePaginator()));

        Assert.Equal(s_all, ids);
        Assert.Equal(1, pages);
    }

    [Fact]
    public async Task Detects_a_json_link_paginator_and_the_records_list()
    {
        // Given an API that nests its records under "data" beside metadata, linking the next page in the body
        _server.Map("/api/v1/items", context =>
        {
            var page = Int(context, "page", 0);
            var next = page < 2 ? $"\"/api/v1/items?page={page + 1}\"" : "null";
            return LocalHttpServer.WriteJsonAsync(context, $$"""{"meta": {"tags": ["x"]}, "data": {{Records(page * 3, 3)}}, "next": {{next}}}""");
        });

        // When nothing is configured
        var paginators = new List<Paginator>();
        var ids = new List<int>();
        await foreach (var page in _client.PaginateAsync("items"))
        {
            paginators.Add(page.Paginator);
            ids.AddRange(page.Select(item => JsonSerializer.Deserialize<JsonElement>(item.Utf8.Span).GetProperty("id").GetInt32()));
        }

        // Then
        Assert.Equal(s_all, ids);
        Assert.All(paginators, p => Assert.Equal("next", Assert.IsType<JsonLinkPaginator>(p).NextUrlPath));
    }

    [Fact]
    public async Task Detects_a_page_number_paginator_from_total_pages()
    {
        _server.Map("/api/v1/items", context =>
            LocalHttpServer.WriteJsonAsync(context, $$"""{"items": {{Records(Int(context, "page", 0) * 3, 3)}}, "total_pages": 3}"""));

        var (ids, pages) = await CollectAsync(_client.PaginateAsync("items"));

        Assert.Equal(s_all, ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_single_object_response_is_one_record()
    {
        _server.MapJson("/api/v1/items/3", """{"id": 3, "name": "three"}""");

        var pages = new List<RestPage>();
        await foreach (var page in _client.PaginateAsync("items/3"))
        {
            pages.Add(page);
        }

        var single = Assert.Single(pages);
        Assert.Equal("""{"id": 3, "name": "three"}""", Encoding.UTF8.GetString(Assert.Single(single).Utf8.Span));
        Assert.IsType<SinglePagePaginator>(single.Paginator);
        Assert.Equal(_server.Url("api/v1/items/3"), single.Request.RequestUri);
    }

    [Fact]
    public async Task An_absolute_url_bypasses_the_base_url_and_a_post_body_is_sent_on_every_page()
    {
        // Given a search endpoint outside the base URL that pages a POST
        _server.Map("/search", context =>
            LocalHttpServer.WriteJsonAsync(context, $$"""{"hits": {{Records(Int(context, "page", 0) * 4, 4)}}, "total": 2}"""));

        // When
        var (ids, _) = await CollectAsync(_client.PaginateAsync(
            _server.Url("search").AbsoluteUri, HttpMethod.Post, json: new { query = "all" }, paginator: new PageNumberPaginator(), dataSelector: "$.hits"));

        // Then
        Assert.Equal(s_all, ids);
        Assert.All(_server.RequestsTo("/search"), r => Assert.Equal(("POST", """{"query":"all"}"""), (r.Method, r.Body)));
        Assert.Empty(_server.RequestsTo("/api/v1/search"));
    }

    [Fact]
    public async Task A_failing_page_raises_dlts_error()
    {
        _server.Map("/api/v1/items", context =>
        {
            if (Int(context, "page", 0) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return LocalHttpServer.WriteJsonAsync(context, $$"""{"items": {{Records(0, 3)}}, "total": 3}""");
        });

        var pages = 0;
        var error = await Assert.ThrowsAsync<RestHttpException>(async () =>
        {
            await foreach (var page in _client.PaginateAsync("items", paginator: new PageNumberPaginator()))
            {
                pages++;
            }
        });

        Assert.Equal(1, pages);
        Assert.Equal($"404 Client Error: Not Found for url: {_server.BaseUrl}api/v1/items?page=1", error.Message);
    }
}
