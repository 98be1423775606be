using System.Collections;

namespace Dlt.Rest;

/// <summary>
/// One page of records from <see cref="RestClient.PaginateAsync"/> (dlt's <c>PageData</c>): the
/// selected records as <see cref="RawJson"/> slices of the response body, with the response, the
/// paginator and the auth that produced it. A resource that yields it hands the whole page to the
/// extract stage at once, and the records' bytes are written without being parsed into objects.
/// </summary>
public sealed class RestPage : IReadOnlyList<RawJson>
{
    private readonly RawJson[] _items;

    internal RestPage(RawJson[] items, HttpResponseMessage response, Paginator paginator, RestAuth? auth)
    {
        _items = items;
        Response = response;
        Paginator = paginator;
        Auth = auth;
    }

    /// <summary>The response the records came from; its content is already read.</summary>
    public HttpResponseMessage Response { get; }

    /// <summary>The request that was sent for this page (its method and URL, auth included).</summary>
    public HttpRequestMessage Request => Response.RequestMessage!;

    /// <summary>The paginator of this pagination, already updated by this page.</summary>
    public Paginator Paginator { get; }

    /// <summary>The auth used, if any.</summary>
    public RestAuth? Auth { get; }

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public RawJson this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<RawJson> GetEnumerator() => ((IEnumerable<RawJson>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
