namespace Dlt.Rest;

/// <summary>
/// Adds credentials to each attempt of a request (dlt's <c>AuthConfigBase</c>). Implementations
/// keep their secrets out of <see cref="object.ToString"/>, messages and logs.
/// </summary>
public abstract class RestAuth
{
    /// <summary>Adds the credentials to <paramref name="request"/>, just before it is sent.</summary>
    /// <param name="request">The message of one attempt.</param>
    /// <param name="client">The client sending it, for auth that must fetch a token first.</param>
    /// <param name="cancellationToken">Cancels a token request.</param>
    public abstract ValueTask AuthenticateAsync(HttpRequestMessage request, RestClient client, CancellationToken cancellationToken);

    /// <summary>A query parameter that holds a secret, to be masked wherever a URL is shown; null when there is none.</summary>
    internal virtual string? SecretQueryParameter => null;
}
