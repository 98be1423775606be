using System.Text.Json;

namespace Dlt.Rest;

/// <summary>One request, one page: for endpoints that are not paginated.</summary>
public sealed record SinglePagePaginator : Paginator
{
    /// <inheritdoc/>
    public override void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data) => HasNextPage = false;

    /// <inheritdoc/>
    public override void UpdateRequest(RestRequest request)
    {
    }
}
