namespace Dlt.Rest;

/// <summary>
/// A paginator that follows the URL of the next page: a relative URL is resolved against the current
/// one, and the query parameters of the first request are dropped (the next URL carries its own).
/// </summary>
public abstract record NextUrlPaginator : Paginator
{
    private protected NextUrlPaginator()
    {
    }

    /// <summary>The URL of the next page, as found in the last response; null when there is none.</summary>
    public string? NextUrl { get; private protected set; }

    /// <summary>Records <paramref name="nextUrl"/> and whether there is a next page.</summary>
    private protected void SetNext(string? nextUrl)
    {
        NextUrl = string.IsNullOrEmpty(nextUrl) ? null : nextUrl;
        HasNextPage = NextUrl is not null;
    }

    /// <inheritdoc/>
    public override void UpdateRequest(RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Url = new Uri(request.Url, NextUrl);
        request.Query.Clear();
    }
}
