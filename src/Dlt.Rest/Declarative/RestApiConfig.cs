namespace Dlt.Rest;

/// <summary>
/// A declarative REST API (dlt's <c>RESTAPIConfig</c>): the client, defaults shared by every
/// resource and the resources. Build it with object initializers, or read a dlt <c>rest_api</c>
/// dict with <see cref="FromJson"/> or <see cref="FromToml"/>; <see cref="RestApiSource.Create"/>
/// turns it into a <see cref="Source"/>.
/// </summary>
public sealed record RestApiConfig
{
    /// <summary>The base URL, headers, auth and paginator of every request (<c>client</c>).</summary>
    public required RestApiClientConfig Client { get; init; }

    /// <summary>
    /// Values every resource starts from (<c>resource_defaults</c>); a resource's own values win, and its endpoint's
    /// <c>params</c> and <c>headers</c> are merged key by key over these.
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public EndpointResource? ResourceDefaults { get; init; }

    /// <summary>The resources (<c>resources</c>); a bare name (<c>"issues"</c>) is a resource whose endpoint path is its name.</summary>
    public required IReadOnlyList<EndpointResource> Resources { get; init; }

    /// <summary>Reads a config written as JSON with dlt's keys (<c>client</c>, <c>resource_defaults</c>, <c>resources</c>).</summary>
    /// <exception cref="ConfigException">The JSON is invalid, or keys are unknown or of the wrong type; the message lists every problem with its path.</exception>
    public static RestApiConfig FromJson(string json) => RestApiConfigReader.FromJson(json);

    /// <summary>Reads a config written as TOML with dlt's keys (<c>[client]</c>, <c>[resource_defaults]</c>, <c>[[resources]]</c>).</summary>
    /// <exception cref="ConfigException">The TOML is invalid, or keys are unknown or of the wrong type; the message lists every problem with its path.</exception>
    public static RestApiConfig FromToml(string toml) => RestApiConfigReader.FromToml(toml);
}
