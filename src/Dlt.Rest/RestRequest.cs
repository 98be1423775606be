using System.Text;
using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// A request that a paginator updates between pages (dlt's <c>Request</c>): the URL, the query
/// parameters added to it, the headers and the JSON body. Each attempt sends a fresh
/// <see cref="HttpRequestMessage"/> made from it.
/// </summary>
public sealed class RestRequest
{
    /// <summary>Creates a request of <paramref name="method"/> to the absolute <paramref name="url"/>.</summary>
    public RestRequest(HttpMethod method, Uri url)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{url}' is not an absolute URL.", nameof(url));
        }

        Method = method;
        Url = url;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; set; }

    /// <summary>The absolute URL, which may hold a query of its own; <see cref="Query"/> is appended to it.</summary>
    public Uri Url { get; set; }

    /// <summary>Query parameters appended to <see cref="Url"/> (a paginator sets its page, offset or cursor here).</summary>
    public Dictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    /// <summary>Headers of this request, over the client's default headers.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body, serialized as JSON with System.Text.Json; none when null.</summary>
    public object? Json { get; set; }

    /// <summary>The URL that is sent: <see cref="Url"/> with <see cref="Query"/> appended.</summary>
    public Uri RequestUri
    {
        get
        {
            if (Query.Count == 0)
            {
                return Url;
            }

            var query = new StringBuilder(Url.Query.Length > 1 ? Url.Query[1..] : "");
            foreach (var (name, value) in Query)
            {
                if (query.Length > 0)
                {
                    query.Append('&');
                }

                query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }

            return new UriBuilder(Url) { Query = query.ToString() }.Uri;
        }
    }

    /// <summary>A new message for one attempt, with <paramref name="defaultHeaders"/> under this request's own.</summary>
    internal HttpRequestMessage ToMessage(IReadOnlyDictionary<string, string> defaultHeaders)
    {
        var message = new HttpRequestMessage(Method, RequestUri);
        if (Json is not null)
        {
            message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(Json, Json.GetType()));
            message.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        foreach (var (name, value) in defaultHeaders)
        {
            if (!Headers.ContainsKey(name))
            {
                SetHeader(message, name, value);
            }
        }

        foreach (var (name, value) in Headers)
        {
            SetHeader(message, name, value);
        }

        return message;
    }

    private static void SetHeader(HttpRequestMessage message, string name, string value)
    {
        if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is { } content)
        {
            content.Headers.Remove(name);
            content.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
