using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class RangePaginatorTests
{
    private static RestRequest NewRequest() => new(HttpMethod.Get, new Uri("https://api.example.com/items"));

    private static Paginator Start(Paginator paginator, RestRequest request) => paginator.Start(request);

    [Fact]
    public void Offset_pages_by_the_limit_until_the_total_is_reached()
    {
        // Given
        var request = NewRequest();
        var paginator = Start(new OffsetPaginator(limit: 3), request);
        var sent = new List<string?>();

        // When the total of 7 items is served 3 at a time
        while (true)
        {
            sent.Add(request.RequestUri.Query);
            using var response = new Responses("""{"items": [{"i": 1}], "total": 7}""");
            response.Feed(paginator, request);
            if (!paginator.HasNextPage)
            {
                break;
            }
        }

        // Then
        Assert.Equal(["?offset=0&limit=3", "?offset=3&limit=3", "?offset=6&limit=3"], sent);
    }

    [Fact]
    public void Page_number_counts_the_total_from_the_base_page()
    {
        var request = NewRequest();
        var paginator = Start(new PageNumberPaginator(basePage: 1, totalPath: "meta.total_pages"), request);
        var pages = new List<string?> { request.Query["page"] };
        while (paginator.HasNextPage)
        {
            using var response = new Responses("""{"data": [{"i": 1}], "meta": {"total_pages": 3}}""");
            response.Feed(paginator, request);
            pages.Add(paginator.HasNextPage ? request.Query["page"] : null);
        }

        Assert.Equal(["1", "2", "3", null], pages);
    }

    [Fact]
    public void An_empty_page_stops_the_pagination()
    {
        var request = NewRequest();
        var paginator = Start(new PageNumberPaginator(totalPath: null), request);
        using var full = new Responses("""[{"i": 1}]""");
        using var empty = new Responses("[]");

        full.Feed(paginator, request);
        Assert.True(paginator.HasNextPage);
        empty.Feed(paginator, request);
        Assert.False(paginator.HasNextPage);
    }

    [Fact]
    public void The_maximum_offset_stops_the_pagination()
    {
        var request = NewRequest();
        var paginator = Start(new OffsetPaginator(limit: 10, totalPath: null, maximumOffset: 20), request);
        using var response = new Responses("""[{"i": 1}]""");

        response.Feed(paginator, request);
        Assert.True(paginator.HasNextPage);
        response.Feed(paginator, request);
        Assert.False(paginator.HasNextPage);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"yes\"", true)]
    [InlineData("\"False\"", false)]
    public void The_has_more_flag_has_the_last_word(string flag, bool expected)
    {
        var request = NewRequest();
        var paginator = Start(new OffsetPaginator(limit: 1, totalPath: "total", hasMorePath: "paging.has_more"), request);
        using var response = new Responses($$$"""{"items": [{"i": 1}], "total": 1, "paging": {"has_more": {{{flag}}}}}""");

        response.Feed(paginator, request);

        Assert.Equal(expected, paginator.HasNextPage);
    }

    [Fact]
    public void A_missing_total_raises_a_message_naming_the_path()
    {
        var request = NewRequest();
        var paginator = Start(new PageNumberPaginator(), request);
        using var response = new Responses("""{"items": [{"i": 1}]}""");

        var error = Assert.Throws<PaginationException>(() => response.Feed(paginator, request));

        Assert.Equal(
            "Total pages is not found in the response in PageNumberPaginator: expected a response with a 'total' key. Set totalPath to where the total is, or to null with another way to stop.",
            error.Message);
    }

    [Fact]
    public void A_total_that_is_not_an_integer_raises()
    {
        var request = NewRequest();
        var paginator = Start(new OffsetPaginator(limit: 5), request);
        using var response = new Responses("""{"items": [{"i": 1}], "total": "many"}""");

        var error = Assert.Throws<PaginationException>(() => response.Feed(paginator, request));

        Assert.Contains("'total' is not an integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paginator_without_any_way_to_stop_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new OffsetPaginator(limit: 5, totalPath: null, stopAfterEmptyPage: false));

        Assert.Contains("maximumOffset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pagination_starts_from_a_fresh_copy()
    {
        // Given a shared paginator that one pagination ran to its end
        var shared = new PageNumberPaginator(basePage: 1, totalPath: "pages");
        var first = Start(shared, NewRequest());
        using var last = new Responses("""{"data": [{"i": 1}], "pages": 1}""");
        last.Feed(first, NewRequest());

        // When another pagination starts from it
        var request = NewRequest();
        var second = Start(shared, request);

        // Then it starts over, and the shared instance was never changed
        Assert.False(first.HasNextPage);
        Assert.True(second.HasNextPage);
        Assert.Equal("1", request.Query["page"]);
        Assert.True(shared.HasNextPage);
        Assert.Equal(1, shared.CurrentValue);
    }
}
