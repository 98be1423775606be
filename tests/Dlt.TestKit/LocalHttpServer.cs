using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dlt.TestKit;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, for tests of HTTP clients: a test maps
/// paths to handlers and reads back every request the server received, in order. Unmapped paths
/// answer 404.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LocalHttpServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The server's root, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on a free port of 127.0.0.1.</summary>
    public static async Task<LocalHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var server = new LocalHttpServer(builder.Build());
        server._app.Urls.Add("http://127.0.0.1:0");
        await server._app.StartAsync().ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers requests to <paramref name="path"/> (<c>/items</c>, without the query) with <paramref name="handler"/>.</summary>
    public LocalHttpServer Map(string path, Func<HttpContext, Task> handler)
    {
        _handlers[path] = handler;
        return this;
    }

    /// <summary>Answers requests to <paramref name="path"/> with <paramref name="json"/> and status 200.</summary>
    public LocalHttpServer MapJson(string path, string json) => Map(path, context => WriteJsonAsync(context, json));

    /// <summary>The requests received for <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <summary>
    /// The requests received for <paramref name="path"/> once there are at least
    /// <paramref name="count"/> of them (or <paramref name="timeout"/> has passed): a request a
    /// client gave up on may reach the server's pipeline only after the client's exception.
    /// </summary>
    public async Task<IReadOnlyList<RecordedRequest>> RequestsToAsync(string path, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (RequestsTo(path).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        return RequestsTo(path);
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this server.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    /// <summary>Writes <paramref name="json"/> as the response body with <paramref name="status"/>.</summary>
    public static async Task WriteJsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body, Stopwatch.GetTimestamp()));
        if (_handlers.TryGetValue(request.Path.Value ?? "", out var handler))
        {
            await handler(context).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
