using System.Net.Http.Headers;

namespace Dlt.Rest;

/// <summary>Sends <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
public sealed class BearerTokenAuth : RestAuth
{
    private readonly string _token;

    /// <summary>Creates the auth from the token.</summary>
    public BearerTokenAuth(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    /// <inheritdoc/>
    public override ValueTask AuthenticateAsync(HttpRequestMessage request, RestClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return ValueTask.CompletedTask;
    }

    /// <summary>The auth's kind; the token is not shown.</summary>
    public override string ToString() => "BearerTokenAuth(token: ***)";
}
