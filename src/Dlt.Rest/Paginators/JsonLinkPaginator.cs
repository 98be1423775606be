using System.Text.Json;

namespace Dlt.Rest;

/// <summary>Follows the next page's URL found in the response body at <see cref="NextUrlPath"/> (dlt's <c>JSONLinkPaginator</c>).</summary>
public sealed record JsonLinkPaginator : NextUrlPaginator
{
    private readonly JsonPath _nextUrlPath;

    /// <summary>Creates the paginator.</summary>
    /// <param name="nextUrlPath">Where the next URL is in the body, a dotted path (<c>links.next</c>).</param>
    public JsonLinkPaginator(string nextUrlPath = "next")
    {
        _nextUrlPath = JsonPath.Parse(nextUrlPath);
        NextUrlPath = nextUrlPath;
    }

    /// <summary>Where the next URL is in the body.</summary>
    public string NextUrlPath { get; }

    /// <inheritdoc/>
    public override void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data) =>
        SetNext(_nextUrlPath.TryFind(body, out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null);
}
