using System.Text;

namespace Dlt.Rest;

/// <summary>
/// Hides secrets in a URL before it reaches a message or a log: the values of query parameters
/// with secret names (dlt's list, plus the client's API key parameter) and the password of the
/// user info become <c>***</c>.
/// </summary>
internal static class UrlRedaction
{
    private const string Mask = "***";

    private static readonly HashSet<string> s_secretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "api_key", "token", "key", "access_token", "apikey", "api-key", "access-token", "secret", "password", "pwd", "client_secret",
    };

    /// <summary>The URL with its secrets masked.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <param name="extraSecretNames">Query parameters that are secret for this client (an API key's name).</param>
    public static string Sanitize(Uri url, IReadOnlyCollection<string> extraSecretNames)
    {
        var builder = new UriBuilder(url);
        if (builder.Password.Length > 0)
        {
            builder.Password = Mask;
        }

        if (builder.Query.Length > 1)
        {
            builder.Query = SanitizeQuery(builder.Query[1..], extraSecretNames);
        }

        return builder.Uri.AbsoluteUri;
    }

    private static string SanitizeQuery(string query, IReadOnlyCollection<string> extraSecretNames)
    {
        var sanitized = new StringBuilder(query.Length);
        foreach (var pair in query.Split('&'))
        {
            if (sanitized.Length > 0)
            {
                sanitized.Append('&');
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var secret = s_secretNames.Contains(name) || extraSecretNames.Contains(name, StringComparer.OrdinalIgnoreCase);
            sanitized.Append(secret ? (equals < 0 ? pair : pair[..equals]) + "=" + Mask : pair);
        }

        return sanitized.ToString();
    }
}
