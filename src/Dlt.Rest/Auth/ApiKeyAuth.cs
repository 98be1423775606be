namespace Dlt.Rest;

/// <summary>Sends an API key in the header or query parameter <see cref="Name"/>.</summary>
public sealed class ApiKeyAuth : RestAuth
{
    private readonly string _apiKey;

    /// <summary>Creates the auth.</summary>
    /// <param name="apiKey">The key.</param>
    /// <param name="name">The header or query parameter that carries the key.</param>
    /// <param name="location">Whether the key goes in a header or in the query.</param>
    public ApiKeyAuth(string apiKey, string name = "Authorization", ApiKeyLocation location = ApiKeyLocation.Header)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _apiKey = apiKey;
        Name = name;
        Location = location;
    }

    /// <summary>The header or query parameter that carries the key.</summary>
    public string Name { get; }

    /// <summary>Whether the key goes in a header or in the query.</summary>
    public ApiKeyLocation Location { get; }

    internal override string? SecretQueryParameter => Location == ApiKeyLocation.Query ? Name : null;

    /// <inheritdoc/>
    public override ValueTask AuthenticateAsync(HttpRequestMessage request, RestClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Location == ApiKeyLocation.Header)
        {
            request.Headers.Remove(Name);
            request.Headers.TryAddWithoutValidation(Name, _apiKey);
        }
        else
        {
            var url = request.RequestUri!;
            var parameter = Uri.EscapeDataString(Name) + "=" + Uri.EscapeDataString(_apiKey);
            request.RequestUri = new UriBuilder(url) { Query = url.Query.Length > 1 ? url.Query[1..] + "&" + parameter : parameter }.Uri;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The auth's name and location; the key is not shown.</summary>
    public override string ToString() => $"ApiKeyAuth(name: {Name}, location: {Location}, api_key: ***)";
}
