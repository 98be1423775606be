using System.Net;

namespace Dlt.Rest;

/// <summary>
/// A response with an error status (400 to 599) after the last attempt, in dlt's words:
/// <c>404 Client Error: Not Found for url: https://api.example.com/items?api_key=***</c>. Secrets in
/// the URL are masked.
/// </summary>
public sealed class RestHttpException : HttpRequestException
{
    /// <summary>Creates the exception for a response status.</summary>
    /// <param name="statusCode">The response's status.</param>
    /// <param name="reasonPhrase">The response's reason phrase.</param>
    /// <param name="url">The requested URL, secrets already masked.</param>
    public RestHttpException(HttpStatusCode statusCode, string reasonPhrase, string url)
        : base(Describe(statusCode, reasonPhrase, url), inner: null, statusCode)
    {
        ReasonPhrase = reasonPhrase;
        Url = url;
    }

    /// <summary>The response's reason phrase.</summary>
    public string ReasonPhrase { get; }

    /// <summary>The requested URL with its secrets masked.</summary>
    public string Url { get; }

    private static string Describe(HttpStatusCode statusCode, string reasonPhrase, string url)
    {
        var code = (int)statusCode;
        var side = code < 500 ? "Client" : "Server";
        return $"{code} {side} Error: {reasonPhrase} for url: {url}";
    }
}
