using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class ReferencePaginatorTests
{
    private static RestRequest NewRequest() => new(HttpMethod.Get, new Uri("https://api.example.com/v1/items?sort=asc"));

    [Fact]
    public void Json_link_follows_a_relative_url_and_drops_the_first_query_parameters()
    {
        var request = NewRequest();
        request.Query["per_page"] = "10";
        var paginator = new JsonLinkPaginator("links.next").Start(request);
        using var response = new Responses("""{"data": [], "links": {"next": "items?cursor=abc"}}""");

        response.Feed(paginator, request);

        Assert.True(paginator.HasNextPage);
        Assert.Equal("https://api.example.com/v1/items?cursor=abc", request.RequestUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("""{"next": null}""")]
    [InlineData("""{"next": ""}""")]
    [InlineData("""{"other": 1}""")]
    public void Json_link_stops_without_a_next_url(string json)
    {
        var paginator = new JsonLinkPaginator().Start(NewRequest());
        using var response = new Responses(json);

        response.Feed(paginator, NewRequest());

        Assert.False(paginator.HasNextPage);
    }

    [Fact]
    public void Header_link_follows_the_next_relation_among_several()
    {
        var request = NewRequest();
        var paginator = new HeaderLinkPaginator().Start(request);
        using var response = new Responses("[]", ("Link", """<https://api.example.com/v1/items?page=1>; rel="prev", <https://api.example.com/v1/items?page=3&a=b,c>; rel="next", <https://api.example.com/v1/items?page=9>; rel="last" """));

        response.Feed(paginator, request);

        Assert.Equal("https://api.example.com/v1/items?page=3&a=b,c", request.RequestUri.AbsoluteUri);
    }

    [Fact]
    public void Json_cursor_is_sent_in_the_cursor_parameter_until_it_is_empty()
    {
        var request = NewRequest();
        var paginator = new JsonResponseCursorPaginator().Start(request);
        using var first = new Responses("""{"items": [{"i": 1}], "cursors": {"next": "c2"}}""");
        using var last = new Responses("""{"items": [{"i": 2}], "cursors": {"next": null}}""");

        first.Feed(paginator, request);
        Assert.Equal("c2", request.Query["cursor"]);
        last.Feed(paginator, request);
        Assert.False(paginator.HasNextPage);
    }

    [Fact]
    public void Json_cursor_stops_when_has_more_says_no_or_after_an_empty_page_when_asked()
    {
        var hasMore = new JsonResponseCursorPaginator(cursorPath: "next", hasMorePath: "more").Start(NewRequest());
        var emptyStops = new JsonResponseCursorPaginator(cursorPath: "next", stopAfterEmptyPage: true).Start(NewRequest());
        using var noMore = new Responses("""{"items": [{"i": 1}], "next": "c", "more": false}""");
        using var empty = new Responses("""{"items": [], "next": "c"}""");

        noMore.Feed(hasMore, NewRequest());
        empty.Feed(emptyStops, NewRequest());

        Assert.False(hasMore.HasNextPage);
        Assert.False(emptyStops.HasNextPage);
    }

    [Fact]
    public void Header_cursor_reads_the_cursor_header()
    {
        var request = NewRequest();
        var paginator = new HeaderCursorPaginator(cursorKey: "X-Next-Cursor", cursorParam: "after").Start(request);
        using var first = new Responses("[]", ("X-Next-Cursor", "abc"));
        using var last = new Responses("[]");

        first.Feed(paginator, request);
        Assert.Equal("abc", request.Query["after"]);
        last.Feed(paginator, request);
        Assert.False(paginator.HasNextPage);
    }

    [Fact]
    public void Single_page_has_no_next_page()
    {
        var paginator = new SinglePagePaginator().Start(NewRequest());
        using var response = new Responses("""[{"i": 1}]""");

        response.Feed(paginator, NewRequest());

        Assert.False(paginator.HasNextPage);
    }
}
