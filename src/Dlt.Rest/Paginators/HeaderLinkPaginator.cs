using System.Text.Json;

namespace Dlt.Rest;

/// <summary>Follows the <c>Link</c> header's URL whose relation is <see cref="LinksNextKey"/> (GitHub-style pagination).</summary>
public sealed record HeaderLinkPaginator : NextUrlPaginator
{
    /// <summary>Creates the paginator.</summary>
    /// <param name="linksNextKey">The relation of the next page's link.</param>
    public HeaderLinkPaginator(string linksNextKey = "next")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linksNextKey);
        LinksNextKey = linksNextKey;
    }

    /// <summary>The relation of the next page's link.</summary>
    public string LinksNextKey { get; }

    /// <inheritdoc/>
    public override void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data)
    {
        ArgumentNullException.ThrowIfNull(response);
        SetNext(LinkHeader.Find(response, LinksNextKey));
    }
}
