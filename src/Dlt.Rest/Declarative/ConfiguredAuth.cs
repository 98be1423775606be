using System.Globalization;

namespace Dlt.Rest;

/// <summary>
/// An auth given in a JSON or TOML config by its dlt type (<c>"bearer"</c> or
/// <c>{"type": "bearer", "token": ...}</c>): the fields the config leaves out are read from the
/// secrets (<c>token</c>, <c>api_key</c>, <c>password</c>...) in the running resource's sections
/// the first time a request needs them, as dlt resolves an auth spec.
/// </summary>
internal sealed class ConfiguredAuth : RestAuth
{
    private readonly string _type;
    private readonly IReadOnlyDictionary<string, string> _given;
    private readonly Lock _lock = new();
    private RestAuth? _resolved;

    public ConfiguredAuth(string type, IReadOnlyDictionary<string, string> given)
    {
        _type = type;
        _given = given;
    }

    /// <summary>The dlt auth types and the fields each needs.</summary>
    public static IReadOnlyDictionary<string, string[]> Fields { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["bearer"] = ["token"],
        ["api_key"] = ["api_key", "name", "location"],
        ["http_basic"] = ["username", "password"],
        ["oauth2_client_credentials"] = ["access_token_url", "client_id", "client_secret", "access_token_request_data", "default_token_expiration"],
    };

    internal override string? SecretQueryParameter =>
        _type == "api_key" && _given.TryGetValue("location", out var location) && location is "query" or "param" ? _given.GetValueOrDefault("name", "Authorization") : null;

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, RestClient client, CancellationToken cancellationToken) =>
        Resolve().AuthenticateAsync(request, client, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"{_type} auth (from the config)";

    private RestAuth Resolve()
    {
        lock (_lock)
        {
            return _resolved ??= Create();
        }
    }

    private RestAuth Create() => _type switch
    {
        "bearer" => new BearerTokenAuth(Value("token")),
        "api_key" => new ApiKeyAuth(
            Value("api_key"), _given.GetValueOrDefault("name", "Authorization"),
            _given.GetValueOrDefault("location", "header") is "query" or "param" ? ApiKeyLocation.Query : ApiKeyLocation.Header),
        "http_basic" => new HttpBasicAuth(Value("username"), Value("password")),
        "oauth2_client_credentials" => new OAuth2ClientCredentials(
            new Uri(Value("access_token_url")), Value("client_id"), Value("client_secret"),
            _given.Where(f => f.Key.StartsWith("access_token_request_data.", StringComparison.Ordinal))
                .ToDictionary(f => f.Key["access_token_request_data.".Length..], f => f.Value),
            _given.TryGetValue("default_token_expiration", out var seconds) ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)) : null),
        _ => throw new InvalidOperationException($"Unknown auth type '{_type}'."),
    };

    private string Value(string field) =>
        _given.TryGetValue(field, out var value) ? value : Secrets.Get<string>(field);
}
