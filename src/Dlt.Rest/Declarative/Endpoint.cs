namespace Dlt.Rest;

/// <summary>
/// The request of a resource (dlt's <c>Endpoint</c>). Strings in <see cref="Path"/>,
/// <see cref="Params"/>, <see cref="Json"/> and <see cref="Headers"/> may hold placeholders
/// <c>{resources.&lt;parent&gt;.&lt;field&gt;}</c>: the resource then requests once per record of
/// the parent resource.
/// </summary>
public sealed record Endpoint
{
    /// <summary>The path, relative to the client's base URL, or an absolute URL (<c>path</c>). <value>The default value is <see langword="null"/>: the resource name.</value></summary>
    public string? Path { get; init; }

    /// <summary>The HTTP method (<c>method</c>: <c>GET</c> or <c>POST</c>). <value>The default value is <see langword="null"/>: GET.</value></summary>
    public string? Method { get; init; }

    /// <summary>
    /// Query parameters (<c>params</c>): scalars, or a <see cref="ResolveParam"/> bound to a placeholder of the same name in the path.
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Params { get; init; }

    /// <summary>The JSON body (<c>json</c>), any object System.Text.Json serializes. <value>The default value is <see langword="null"/>: none.</value></summary>
    public object? Json { get; init; }

    /// <summary>Headers of this endpoint's requests, over the client's (<c>headers</c>). <value>The default value is <see langword="null"/>: none.</value></summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The paginator (<c>paginator</c>). <value>The default value is <see langword="null"/>: the client's, else detected.</value></summary>
    public Paginator? Paginator { get; init; }

    /// <summary>Where the records are in a response (<c>data_selector</c>). <value>The default value is <see langword="null"/>: detected.</value></summary>
    public string? DataSelector { get; init; }

    /// <summary>The auth of this endpoint (<c>auth</c>). <value>The default value is <see langword="null"/>: the client's.</value></summary>
    public RestAuth? Auth { get; init; }

    /// <summary>What to do with responses by status code or content (<c>response_actions</c>). <value>The default value is <see langword="null"/>: none; an error status raises.</value></summary>
    public IReadOnlyList<ResponseAction>? ResponseActions { get; init; }

    /// <summary>Loads only records newer than the last run's, with the cursor's values in the request (<c>incremental</c>). <value>The default value is <see langword="null"/>: every run loads everything.</value></summary>
    public IncrementalConfig? Incremental { get; init; }

    /// <summary>An endpoint of <paramref name="path"/>.</summary>
    public static implicit operator Endpoint(string path) => new() { Path = path };

    /// <summary>An endpoint of <paramref name="path"/>.</summary>
    public static Endpoint FromPath(string path) => path;
}
