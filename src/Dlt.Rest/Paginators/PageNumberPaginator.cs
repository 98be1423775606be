namespace Dlt.Rest;

/// <summary>
/// Pages through a page number query parameter: it grows by one after each page until it reaches
/// the total page count (counted from <see cref="BasePage"/>), <see cref="MaximumPage"/>, an empty
/// page, or the has-more flag says no.
/// </summary>
public sealed record PageNumberPaginator : RangePaginator
{
    /// <summary>Creates the paginator.</summary>
    /// <param name="basePage">The number of the API's first page (0 or 1).</param>
    /// <param name="page">The page of the first request; <paramref name="basePage"/> when null.</param>
    /// <param name="pageParam">The query parameter of the page number.</param>
    /// <param name="totalPath">Where the total page count is in the body; null when there is none.</param>
    /// <param name="maximumPage">Stop once the page number reaches this value; null for no maximum.</param>
    /// <param name="stopAfterEmptyPage">Stop after a page without records.</param>
    /// <param name="hasMorePath">Where a flag says whether more pages follow; null when there is none.</param>
    /// <exception cref="ArgumentException">No stop condition is left (no total, maximum, has-more flag, nor stop on an empty page).</exception>
    public PageNumberPaginator(
        long basePage = 0, long? page = null, string pageParam = "page", string? totalPath = "total",
        long? maximumPage = null, bool stopAfterEmptyPage = true, string? hasMorePath = null)
        : base(pageParam, page ?? basePage, 1, basePage, maximumPage, totalPath, stopAfterEmptyPage, hasMorePath, "pages", "maximumPage")
    {
        BasePage = basePage;
        Page = page ?? basePage;
        PageParam = pageParam;
        MaximumPage = maximumPage;
    }

    /// <summary>The number of the API's first page.</summary>
    public long BasePage { get; }

    /// <summary>The page of the first request.</summary>
    public long Page { get; }

    /// <summary>The query parameter of the page number.</summary>
    public string PageParam { get; }

    /// <summary>The page number at which pagination stops; null for none.</summary>
    public long? MaximumPage { get; }
}
