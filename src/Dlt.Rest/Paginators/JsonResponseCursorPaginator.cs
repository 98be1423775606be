using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// Sends the cursor found in the body at <see cref="CursorPath"/> as the query parameter
/// <see cref="CursorParam"/>; stops when the cursor is missing or empty, after an empty page when
/// <see cref="StopAfterEmptyPage"/>, or when the has-more flag says no.
/// </summary>
public sealed record JsonResponseCursorPaginator : Paginator
{
    private readonly JsonPath _cursorPath;
    private readonly JsonPath? _hasMorePath;

    /// <summary>Creates the paginator.</summary>
    /// <param name="cursorPath">Where the next cursor is in the body.</param>
    /// <param name="cursorParam">The query parameter the cursor is sent in.</param>
    /// <param name="stopAfterEmptyPage">Stop after a page without records.</param>
    /// <param name="hasMorePath">Where a flag says whether more pages follow; null when there is none.</param>
    public JsonResponseCursorPaginator(string cursorPath = "cursors.next", string cursorParam = "cursor", bool stopAfterEmptyPage = false, string? hasMorePath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cursorParam);
        _cursorPath = JsonPath.Parse(cursorPath);
        _hasMorePath = hasMorePath is null ? null : JsonPath.Parse(hasMorePath);
        CursorPath = cursorPath;
        CursorParam = cursorParam;
        StopAfterEmptyPage = stopAfterEmptyPage;
        HasMorePath = hasMorePath;
    }

    /// <summary>Where the next cursor is in the body.</summary>
    public string CursorPath { get; }

    /// <summary>The query parameter the cursor is sent in.</summary>
    public string CursorParam { get; }

    /// <summary>Whether a page without records ends the pagination.</summary>
    public bool StopAfterEmptyPage { get; }

    /// <summary>Where a flag says whether more pages follow; null when there is none.</summary>
    public string? HasMorePath { get; }

    /// <summary>The cursor of the next page; null when there is none.</summary>
    public string? Cursor { get; private set; }

    /// <inheritdoc/>
    public override void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Cursor = _cursorPath.TryFind(body, out var cursor) ? JsonScalar.TruthyText(cursor) : null;
        if (StopAfterEmptyPage && data.Count == 0)
        {
            Cursor = null;
        }

        if (_hasMorePath is not null && !HasMore(body))
        {
            Cursor = null;
        }

        HasNextPage = Cursor is not null;
    }

    /// <inheritdoc/>
    public override void UpdateRequest(RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Query[CursorParam] = Cursor!;
    }

    private bool HasMore(JsonElement body)
    {
        if (!_hasMorePath!.TryFind(body, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new PaginationException($"'{_hasMorePath}' is not found in the response in {nameof(JsonResponseCursorPaginator)}: expected a boolean there. Set hasMorePath to where the flag is, or to null.");
        }

        return JsonScalar.TryBoolean(value, out var hasMore)
            ? hasMore
            : throw new PaginationException($"'{_hasMorePath}' is not a boolean in the response in {nameof(JsonResponseCursorPaginator)}: got {JsonScalar.Describe(value)}.");
    }
}
