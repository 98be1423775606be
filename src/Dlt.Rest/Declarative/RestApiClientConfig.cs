namespace Dlt.Rest;

/// <summary>The client of a declarative REST API (dlt's <c>client</c>): where requests go and how they authenticate and paginate.</summary>
public sealed record RestApiClientConfig
{
    /// <summary>The absolute URL that endpoint paths are relative to (<c>base_url</c>).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>
    /// Headers of every request (<c>headers</c>).
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// The auth of every request unless an endpoint sets its own (<c>auth</c>).
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public RestAuth? Auth { get; init; }

    /// <summary>
    /// The paginator of every endpoint that sets none (<c>paginator</c>).
    /// <value>The default value is <see langword="null"/>: detected from each endpoint's first response.</value>
    /// </summary>
    public Paginator? Paginator { get; init; }
}
