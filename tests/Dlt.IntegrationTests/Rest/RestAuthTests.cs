using System.Text;
using Dlt.Rest;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;

namespace Dlt.IntegrationTests.Rest;

/// <summary>What the server sees of each auth, and that secrets stay out of error messages.</summary>
public sealed class RestAuthTests : IAsyncLifetime
{
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _server.MapJson("/me", """{"ok": true}""");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private RestClient Client(RestAuth auth) => new(_server.BaseUrl.AbsoluteUri, new RestClientOptions { Auth = auth, Runtime = FastRetries.Settings() });

    [Fact]
    public async Task Bearer_token_is_sent_in_the_authorization_header()
    {
        using var client = Client(new BearerTokenAuth("tok-1"));

        using var response = await client.GetAsync("me");

        Assert.Equal("Bearer tok-1", _server.RequestsTo("/me").Single().Header("Authorization"));
    }

    [Fact]
    public async Task Api_key_is_sent_in_its_header()
    {
        using var client = Client(new ApiKeyAuth("key-1", "X-Api-Key"));

        using var response = await client.GetAsync("me");

        var request = _server.RequestsTo("/me").Single();
        Assert.Equal("key-1", request.Header("X-Api-Key"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Api_key_in_the_query_is_sent_and_masked_in_errors()
    {
        // Given an endpoint that refuses the key
        _server.Map("/denied", context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
        using var client = Client(new ApiKeyAuth("key-secret", "appid", ApiKeyLocation.Query));

        // When
        var error = await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("denied", new Dictionary<string, string> { ["q"] = "x" }));

        // Then the server got the key; the message does not show it
        Assert.Equal("key-secret", _server.RequestsTo("/denied").Single().Query("appid"));
        Assert.Equal($"403 Client Error: Forbidden for url: {_server.BaseUrl}denied?q=x&appid=***", error.Message);
        Assert.DoesNotContain("key-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_basic_sends_the_user_and_password()
    {
        using var client = Client(new HttpBasicAuth("ann", "pa:ss"));

        using var response = await client.GetAsync("me");

        var header = _server.RequestsTo("/me").Single().Header("Authorization")!;
        Assert.StartsWith("Basic ", header, StringComparison.Ordinal);
        Assert.Equal("ann:pa:ss", Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])));
    }

    [Fact]
    public async Task Oauth2_client_credentials_posts_the_form_and_sends_the_token_until_it_expires()
    {
        // Given a token endpoint that issues numbered tokens valid for 60 s
        _server.Map("/token", context =>
            LocalHttpServer.WriteJsonAsync(context, $$"""{"access_token": "token-{{_server.RequestsTo("/token").Count}}", "expires_in": 60, "token_type": "bearer"}"""));
        var clock = new ManualClock();
        var auth = new OAuth2ClientCredentials(
            _server.Url("token"), "client-1", "client-secret", new Dictionary<string, string> { ["scope"] = "read" }, timeProvider: clock);
        using var client = Client(auth);

        // When two calls are made within the token's life, and one after it
        using (await client.GetAsync("me"))
        using (await client.GetAsync("me"))
        {
            clock.Advance(TimeSpan.FromSeconds(61));
        }

        using var afterExpiry = await client.GetAsync("me");

        // Then one token request per token, with dlt's form, and each token used while it was valid
        var tokenRequests = _server.RequestsTo("/token");
        Assert.Equal(2, tokenRequests.Count);
        Assert.Equal("POST", tokenRequests[0].Method);
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequests[0].Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(
            ["client_credentials", "client-1", "client-secret", "read"],
            new[] { "grant_type", "client_id", "client_secret", "scope" }.Select(k => System.Web.HttpUtility.ParseQueryString(tokenRequests[0].Body)[k]));
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], _server.RequestsTo("/me").Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_refused_token_request_raises_once_without_retrying_the_api_call()
    {
        _server.Map("/token", context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        using var client = Client(new OAuth2ClientCredentials(_server.Url("token"), "client-1", "client-secret"));

        var error = await Assert.ThrowsAsync<RestHttpException>(() => client.GetAsync("me"));

        Assert.Equal($"401 Client Error: Unauthorized for url: {_server.BaseUrl}token", error.Message);
        Assert.Single(_server.RequestsTo("/token"));
        Assert.Empty(_server.RequestsTo("/me"));
    }

    [Fact]
    public async Task A_call_can_use_its_own_auth_over_the_clients()
    {
        using var client = Client(new BearerTokenAuth("client-wide"));

        using var response = await client.SendAsync(client.CreateRequest(HttpMethod.Get, "me"), new ApiKeyAuth("call-key", "X-Api-Key"));

        var request = _server.RequestsTo("/me").Single();
        Assert.Equal("call-key", request.Header("X-Api-Key"));
        Assert.Null(request.Header("Authorization"));
    }

    /// <summary>A clock that moves only when told, for token expiry.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
