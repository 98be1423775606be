using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// How a paginated endpoint is walked (dlt's <c>BasePaginator</c>): it prepares the first request,
/// reads each response and changes the request for the next page until
/// <see cref="HasNextPage"/> is false. <see cref="RestClient.PaginateAsync"/> works on a copy, so one
/// instance can be shared by many calls.
/// </summary>
public abstract record Paginator
{
    /// <summary>Whether another page is to be requested; true until a response says otherwise.</summary>
    public bool HasNextPage { get; protected set; } = true;

    /// <summary>Sets the parameters of the first request (the first page, offset or limit).</summary>
    public virtual void InitRequest(RestRequest request)
    {
    }

    /// <summary>Reads where the next page is from a response and sets <see cref="HasNextPage"/>.</summary>
    /// <param name="response">The response, headers included.</param>
    /// <param name="body">The parsed body (undefined when empty); valid only during this call.</param>
    /// <param name="data">The records selected from the body.</param>
    public abstract void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data);

    /// <summary>Changes <paramref name="request"/> to ask for the next page; called only when <see cref="HasNextPage"/> is true.</summary>
    public abstract void UpdateRequest(RestRequest request);

    /// <summary>A fresh copy for one pagination, its first request initialized.</summary>
    internal Paginator Start(RestRequest request)
    {
        var copy = this with { };
        copy.HasNextPage = true;
        copy.InitRequest(request);
        return copy;
    }
}
