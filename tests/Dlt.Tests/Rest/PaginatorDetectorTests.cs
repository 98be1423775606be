using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class PaginatorDetectorTests
{
    [Theory]
    [InlineData("""{"data": [], "next": "https://api.example.com/items?page=2"}""", "JsonLinkPaginator { HasNextPage = True, NextUrl = , NextUrlPath = next }")]
    [InlineData("""{"data": [], "links": {"next": {"href": "/items?page=2"}}}""", "JsonLinkPaginator { HasNextPage = True, NextUrl = , NextUrlPath = links.next.href }")]
    [InlineData("""{"data": [], "paging": {"nextPage": "/items?page=2"}}""", "JsonLinkPaginator { HasNextPage = True, NextUrl = , NextUrlPath = paging.nextPage }")]
    [InlineData("""{"data": [], "meta": {"total_pages": 4}}""", "PageNumberPaginator { HasNextPage = True, TotalPath = meta.total_pages, StopAfterEmptyPage = True, HasMorePath = , CurrentValue = 0, BasePage = 0, Page = 0, PageParam = page, MaximumPage =  }")]
    [InlineData("""{"data": [], "Pages": "4"}""", "PageNumberPaginator { HasNextPage = True, TotalPath = Pages, StopAfterEmptyPage = True, HasMorePath = , CurrentValue = 0, BasePage = 0, Page = 0, PageParam = page, MaximumPage =  }")]
    [InlineData("""{"data": [], "next_cursor": "abc=="}""", "JsonResponseCursorPaginator { HasNextPage = True, CursorPath = next_cursor, CursorParam = cursor, StopAfterEmptyPage = False, HasMorePath = , Cursor =  }")]
    [InlineData("""{"data": [], "pages": "many", "next": 12}""", "JsonResponseCursorPaginator { HasNextPage = True, CursorPath = next, CursorParam = cursor, StopAfterEmptyPage = False, HasMorePath = , Cursor =  }")]
    [InlineData("""{"data": [], "next": null}""", "SinglePagePaginator { HasNextPage = True }")]
    [InlineData("""[{"id": 1}]""", "SinglePagePaginator { HasNextPage = True }")]
    public void Detects_dlts_paginator_from_the_body(string json, string expected)
    {
        using var response = new Responses(json);

        Assert.Equal(expected, PaginatorDetector.Detect(response.Message, response.Root).ToString());
    }

    [Fact]
    public void A_link_header_with_a_next_relation_wins()
    {
        using var response = new Responses("""{"next": "https://api.example.com/x"}""", ("Link", "<https://api.example.com/items?page=2>; rel=\"next\""));

        Assert.IsType<HeaderLinkPaginator>(PaginatorDetector.Detect(response.Message, response.Root));
    }

    [Fact]
    public void An_empty_body_is_a_single_page()
    {
        using var response = new Responses(null);

        Assert.IsType<SinglePagePaginator>(PaginatorDetector.Detect(response.Message, response.Root));
    }
}
