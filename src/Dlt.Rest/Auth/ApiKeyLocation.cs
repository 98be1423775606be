namespace Dlt.Rest;

/// <summary>Where an API key is sent.</summary>
public enum ApiKeyLocation
{
    /// <summary>In a request header.</summary>
    Header,

    /// <summary>In a query parameter (dlt's <c>query</c> and <c>param</c>).</summary>
    Query,
}
