using System.Text.Json;

namespace Dlt.Rest;

/// <summary>Sends the cursor found in the response header <see cref="CursorKey"/> as the query parameter <see cref="CursorParam"/>; stops when the header is absent or empty.</summary>
public sealed record HeaderCursorPaginator : Paginator
{
    /// <summary>Creates the paginator.</summary>
    /// <param name="cursorKey">The response header holding the next cursor.</param>
    /// <param name="cursorParam">The query parameter the cursor is sent in.</param>
    public HeaderCursorPaginator(string cursorKey = "next", string cursorParam = "cursor")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cursorKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(cursorParam);
        CursorKey = cursorKey;
        CursorParam = cursorParam;
    }

    /// <summary>The response header holding the next cursor.</summary>
    public string CursorKey { get; }

    /// <summary>The query parameter the cursor is sent in.</summary>
    public string CursorParam { get; }

    /// <summary>The cursor of the next page; null when there is none.</summary>
    public string? Cursor { get; private set; }

    /// <inheritdoc/>
    public override void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data)
    {
        ArgumentNullException.ThrowIfNull(response);
        Cursor = response.Headers.TryGetValues(CursorKey, out var values) && string.Join(",", values) is { Length: > 0 } cursor ? cursor : null;
        HasNextPage = Cursor is not null;
    }

    /// <inheritdoc/>
    public override void UpdateRequest(RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Query[CursorParam] = Cursor!;
    }
}
