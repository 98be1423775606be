using System.Net.Http.Headers;
using System.Text;

namespace Dlt.Rest;

/// <summary>Sends <c>Authorization: Basic</c> with a user name and a password.</summary>
public sealed class HttpBasicAuth : RestAuth
{
    private readonly string _password;

    /// <summary>Creates the auth.</summary>
    public HttpBasicAuth(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        Username = username;
        _password = password;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <inheritdoc/>
    public override ValueTask AuthenticateAsync(HttpRequestMessage request, RestClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{_password}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return ValueTask.CompletedTask;
    }

    /// <summary>The user name; the password is not shown.</summary>
    public override string ToString() => $"HttpBasicAuth(username: {Username}, password: ***)";
}
