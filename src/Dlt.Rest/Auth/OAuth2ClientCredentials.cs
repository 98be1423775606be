using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// OAuth 2.0 client credentials: posts <c>grant_type=client_credentials</c> with the client id and
/// secret as a form to <see cref="AccessTokenUrl"/>, sends the <c>access_token</c> it gets as a
/// bearer token, and fetches a new one once <c>expires_in</c> (or
/// <see cref="DefaultTokenExpiration"/>) has passed. Token requests go through the client's retries.
/// </summary>
public sealed class OAuth2ClientCredentials : RestAuth
{
    private readonly string _clientSecret;
    private readonly IReadOnlyDictionary<string, string> _extraRequestData;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    /// <summary>Creates the auth.</summary>
    /// <param name="accessTokenUrl">Where tokens are requested.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="accessTokenRequestData">More form fields of the token request (a <c>scope</c>, an <c>audience</c>).</param>
    /// <param name="defaultTokenExpiration">How long a token lasts when the response has no <c>expires_in</c>; one hour when null.</param>
    /// <param name="timeProvider">The clock that decides when a token has expired; the system's when null.</param>
    public OAuth2ClientCredentials(
        Uri accessTokenUrl, string clientId, string clientSecret, IReadOnlyDictionary<string, string>? accessTokenRequestData = null,
        TimeSpan? defaultTokenExpiration = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(accessTokenUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        AccessTokenUrl = accessTokenUrl;
        ClientId = clientId;
        _clientSecret = clientSecret;
        _extraRequestData = accessTokenRequestData ?? new Dictionary<string, string>();
        DefaultTokenExpiration = defaultTokenExpiration ?? TimeSpan.FromHours(1);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Where tokens are requested.</summary>
    public Uri AccessTokenUrl { get; }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    /// <summary>How long a token lasts when the token response has no <c>expires_in</c>.</summary>
    public TimeSpan DefaultTokenExpiration { get; }

    /// <inheritdoc/>
    public override async ValueTask AuthenticateAsync(HttpRequestMessage request, RestClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var token = _accessToken;
        if (token is null || IsExpired)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_accessToken is null || IsExpired)
                {
                    await FetchTokenAsync(client, cancellationToken).ConfigureAwait(false);
                }

                token = _accessToken!;
            }
            finally
            {
                _refresh.Release();
            }
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The token endpoint and client id; the secret and the token are not shown.</summary>
    public override string ToString() => $"OAuth2ClientCredentials(access_token_url: {UrlRedaction.Sanitize(AccessTokenUrl, [])}, client_id: {ClientId}, client_secret: ***)";

    private bool IsExpired => _timeProvider.GetUtcNow() >= _expiresAt;

    private async Task FetchTokenAsync(RestClient client, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(_extraRequestData)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = _clientSecret,
        };
        using var response = await client.SendMessageAsync(
            () => new HttpRequestMessage(HttpMethod.Post, AccessTokenUrl) { Content = new FormUrlEncodedContent(form) }, auth: null, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var where = UrlRedaction.Sanitize(AccessTokenUrl, []);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String)
            {
                throw new InvalidOperationException($"The token response of {where} has no access_token string.");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && JsonScalar.TryInteger(expiresIn, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : DefaultTokenExpiration;
            _accessToken = token.GetString();
            _expiresAt = _timeProvider.GetUtcNow() + lifetime;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The token response of {where} is not JSON (line {(ex.LineNumber ?? 0).ToString(CultureInfo.InvariantCulture)}).", ex);
        }
    }
}
