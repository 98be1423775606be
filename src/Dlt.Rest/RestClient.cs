using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dlt.Configuration;
using Polly;
using Polly.Timeout;

namespace Dlt.Rest;

/// <summary>
/// A client of one REST API (dlt's <c>RESTClient</c>): a base URL, default headers and auth, and
/// dlt's retries (<c>runtime.request_*</c>) on every request; <see cref="PaginateAsync"/> walks a
/// paginated endpoint page by page. A response with a status from 400 to 599 after the last
/// attempt raises <see cref="RestHttpException"/>.
/// </summary>
public sealed class RestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;

    /// <summary>Creates a client; the <c>[runtime]</c> settings are resolved now unless <paramref name="options"/> gives them.</summary>
    /// <param name="baseUrl">The absolute URL that request paths are relative to.</param>
    /// <param name="options">Headers, auth, paginator, data selector and where the settings come from.</param>
    /// <param name="httpClient">The client to send with (its own timeout applies too); when null, the client creates one and disposes it.</param>
    /// <exception cref="ConfigException">A <c>[runtime]</c> value is invalid.</exception>
    public RestClient(string baseUrl, RestClientOptions? options = null, HttpClient? httpClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var baseUri) || !IsHttp(baseUri))
        {
            throw new ArgumentException($"'{baseUrl}' is not an absolute http or https URL.", nameof(baseUrl));
        }

        BaseUrl = baseUri;
        Options = options ?? new RestClientOptions();
        Runtime = Options.Runtime ?? RuntimeSettings.Resolve(Options.Configuration, Options.EnvironmentVariables);
        _resilience = RequestResilience.Create(Runtime, Options.TimeProvider);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 50, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The URL that request paths are relative to (with a trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The options the client was created with.</summary>
    public RestClientOptions Options { get; }

    /// <summary>The timeout and retry settings in force.</summary>
    public RuntimeSettings Runtime { get; }

    /// <summary>
    /// A request to <paramref name="path"/>: relative to <see cref="BaseUrl"/>, unless it is an
    /// absolute http(s) URL, which is used as it is.
    /// </summary>
    public RestRequest CreateRequest(
        HttpMethod method, string path, IReadOnlyDictionary<string, string>? query = null, object? json = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var request = new RestRequest(method, Resolve(path)) { Json = json };
        foreach (var (name, value) in query ?? new Dictionary<string, string>())
        {
            request.Query[name] = value;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers[name] = value;
        }

        return request;
    }

    /// <summary>Sends a GET to <paramref name="path"/> with retries.</summary>
    /// <exception cref="RestHttpException">The last attempt got a status from 400 to 599.</exception>
    /// <exception cref="TimeoutException">The last attempt timed out.</exception>
    /// <exception cref="HttpRequestException">The last attempt could not connect.</exception>
    public Task<HttpResponseMessage> GetAsync(string path, IReadOnlyDictionary<string, string>? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(CreateRequest(HttpMethod.Get, path, query), auth: null, cancellationToken);

    /// <summary>Sends a POST of <paramref name="json"/> (serialized with System.Text.Json) to <paramref name="path"/> with retries.</summary>
    /// <exception cref="RestHttpException">The last attempt got a status from 400 to 599.</exception>
    /// <exception cref="TimeoutException">The last attempt timed out.</exception>
    /// <exception cref="HttpRequestException">The last attempt could not connect.</exception>
    public Task<HttpResponseMessage> PostAsync(string path, object? json, IReadOnlyDictionary<string, string>? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(CreateRequest(HttpMethod.Post, path, query, json), auth: null, cancellationToken);

    /// <summary>Sends <paramref name="request"/> with retries, authenticated by <paramref name="auth"/> or else the client's auth.</summary>
    /// <exception cref="RestHttpException">The last attempt got a status from 400 to 599.</exception>
    /// <exception cref="TimeoutException">The last attempt timed out.</exception>
    /// <exception cref="HttpRequestException">The last attempt could not connect.</exception>
    public Task<HttpResponseMessage> SendAsync(RestRequest request, RestAuth? auth = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendMessageAsync(() => request.ToMessage(Options.Headers), auth ?? Options.Auth, cancellationToken);
    }

    /// <summary>
    /// Walks a paginated endpoint, yielding each page's records. The data selector and the paginator
    /// are the call's, else the client's, else detected from the first response (dlt's rules).
    /// </summary>
    /// <param name="path">The endpoint, relative to <see cref="BaseUrl"/> or an absolute URL.</param>
    /// <param name="method">The method; GET when null.</param>
    /// <param name="query">Query parameters of the first request.</param>
    /// <param name="json">The JSON body of every request.</param>
    /// <param name="paginator">The paginator (a copy is used); the client's when null.</param>
    /// <param name="dataSelector">Where the records are (<c>$</c>, <c>data</c>, <c>$.result.items</c>); the client's when null.</param>
    /// <param name="auth">The auth; the client's when null.</param>
    /// <param name="headers">Headers of every request, over the client's.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <exception cref="RestHttpException">A page's last attempt got a status from 400 to 599.</exception>
    /// <exception cref="PaginationException">A response lacks what the paginator needs.</exception>
    /// <exception cref="JsonException">A response body is not JSON.</exception>
    public async IAsyncEnumerable<RestPage> PaginateAsync(
        string path = "", HttpMethod? method = null, IReadOnlyDictionary<string, string>? query = null, object? json = null, Paginator? paginator = null,
        string? dataSelector = null, RestAuth? auth = null, IReadOnlyDictionary<string, string>? headers = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(method ?? HttpMethod.Get, path, query, json, headers);
        await foreach (var page in PaginateRequestAsync(request, paginator, dataSelector, auth, onResponse: null, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <summary>
    /// Walks a paginated endpoint from <paramref name="request"/>; <paramref name="onResponse"/> sees
    /// every attempt's response before its status is checked, and ends the walk without a page by
    /// throwing <see cref="ResponseIgnoredException"/> (dlt's response actions).
    /// </summary>
    internal async IAsyncEnumerable<RestPage> PaginateRequestAsync(
        RestRequest request, Paginator? paginator, string? dataSelector, RestAuth? auth, Func<HttpResponseMessage, CancellationToken, Task>? onResponse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        auth ??= Options.Auth;
        var selector = (dataSelector ?? Options.DataSelector) is { } selectorText ? JsonPath.Parse(selectorText) : null;
        var active = (paginator ?? Options.Paginator)?.Start(request);
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendMessageAsync(() => request.ToMessage(Options.Headers), auth, cancellationToken, onResponse).ConfigureAwait(false);
            }
            catch (ResponseIgnoredException)
            {
                yield break;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            (var page, selector) = ReadPage(response, body, selector, active, auth);
            active = page.Paginator;
            if (active.HasNextPage)
            {
                active.UpdateRequest(request);
            }

            yield return page;
            if (!active.HasNextPage)
            {
                yield break;
            }
        }
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Sends the message made by <paramref name="createMessage"/> (a new one per attempt) through the retries, and raises on an error status.</summary>
    internal async Task<HttpResponseMessage> SendMessageAsync(
        Func<HttpRequestMessage> createMessage, RestAuth? auth, CancellationToken cancellationToken, Func<HttpResponseMessage, CancellationToken, Task>? onResponse = null)
    {
        HttpRequestMessage? last = null;
        HttpResponseMessage response;
        try
        {
            response = await _resilience.ExecuteAsync(
                async token =>
                {
                    last = createMessage();
                    if (auth is not null)
                    {
                        await auth.AuthenticateAsync(last, this, token).ConfigureAwait(false);
                    }

                    var sent = await _http.SendAsync(last, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    if (onResponse is not null)
                    {
                        try
                        {
                            await onResponse(sent, token).ConfigureAwait(false);
                        }
                        catch
                        {
                            sent.Dispose();
                            throw;
                        }
                    }

                    return sent;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = Runtime.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            throw new TimeoutException(
                $"{last?.Method} {Describe(last?.RequestUri, auth)} timed out after {seconds} s (runtime.request_timeout) on the last of {Runtime.RequestMaxAttempts} attempts (runtime.request_max_attempts).", ex);
        }

        if ((int)response.StatusCode is >= 400 and <= 599)
        {
            using (response)
            {
                throw new RestHttpException(response.StatusCode, response.ReasonPhrase ?? "", Describe(response.RequestMessage?.RequestUri, auth));
            }
        }

        return response;
    }

    private static (RestPage Page, JsonPath Selector) ReadPage(HttpResponseMessage response, byte[] body, JsonPath? selector, Paginator? paginator, RestAuth? auth)
    {
        using var document = Parse(body, response, auth);
        var root = document?.RootElement ?? default;
        selector ??= DataSelectorDetector.Detect(root);
        var items = PageItems.Select(body, root, selector);
        paginator ??= PaginatorDetector.Detect(response, root);
        paginator.UpdateState(response, root, items);
        return (new RestPage(items, response, paginator, auth), selector);
    }

    private static JsonDocument? Parse(byte[] body, HttpResponseMessage response, RestAuth? auth)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body.AsMemory());
        }
        catch (JsonException ex)
        {
            throw new JsonException($"The response of {response.RequestMessage?.Method} {Describe(response.RequestMessage?.RequestUri, auth)} is not JSON: {ex.Message}", ex);
        }
    }

    private static string Describe(Uri? url, RestAuth? auth) =>
        url is null ? "(no url)" : UrlRedaction.Sanitize(url, auth?.SecretQueryParameter is { } secret ? [secret] : []);

    private Uri Resolve(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && IsHttp(absolute) ? absolute : new Uri(BaseUrl, path.TrimStart('/'));

    private static bool IsHttp(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;
}
