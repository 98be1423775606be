namespace Dlt.Rest;

/// <summary>
/// One extraction of a declarative source: the resources the pipeline bound for it, the client
/// (created when the first of them starts, inside the running pipeline, so its <c>[runtime]</c>
/// settings are the pipeline's) and the shared page feeds of parent resources. It ends when every
/// bound resource has started and finished (and every deferred child request is done): a child that
/// starts after its parent finished still reads the parent's pages of this run, so each parent is
/// requested once per run.
/// </summary>
internal sealed class RestApiRun(RestApiPlan plan, HttpClient? httpClient)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PageFeed> _feeds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncrementalRequestValues> _incrementals = new(StringComparer.Ordinal);
    private RestClient? _client;
    private int _active;

    /// <summary>Adds <paramref name="resource"/> (bound by the pipeline before any resource starts) and its cursor values for this run.</summary>
    public void Bind(string resource, IncrementalRequestValues? incremental)
    {
        lock (_lock)
        {
            _bound.Add(resource);
            if (incremental is not null)
            {
                _incrementals[resource] = incremental;
            }
        }
    }

    /// <summary>Starts <paramref name="resource"/>'s part; it calls <see cref="LeaveAsync"/> when done.</summary>
    public void Join(string resource)
    {
        lock (_lock)
        {
            _joined.Add(resource);
            _active++;
            _client ??= CreateClient();
        }
    }

    /// <summary>Keeps the run open for a deferred request; it calls <see cref="LeaveAsync"/> when done.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _active++;
        }
    }

    /// <summary>Ends one resource's part (or a deferred request's); the last one out of the last bound resource disposes the client.</summary>
    public async ValueTask LeaveAsync()
    {
        List<PageFeed>? feeds = null;
        RestClient? client = null;
        lock (_lock)
        {
            if (--_active == 0 && _joined.IsSupersetOf(_bound))
            {
                feeds = [.. _feeds.Values];
                _feeds.Clear();
                client = _client;
            }
        }

        if (feeds is not null)
        {
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync().ConfigureAwait(false);
            }

            client?.Dispose();
        }
    }

    public EndpointFetcher Fetcher(string resource)
    {
        lock (_lock)
        {
            return new(plan[resource], _client!, _incrementals);
        }
    }

    /// <summary>The shared pages of <paramref name="resource"/>: read by itself when bound and by each child that runs.</summary>
    public PageFeed Feed(string resource)
    {
        lock (_lock)
        {
            if (!_feeds.TryGetValue(resource, out var feed))
            {
                var readers = (_bound.Contains(resource) ? [resource] : Array.Empty<string>()).Concat(plan[resource].Children.Where(Runs)).ToList();
                feed = new PageFeed(Produce(plan[resource]).GetAsyncEnumerator(), readers);
                _feeds[resource] = feed;
            }

            return feed;
        }
    }

    /// <summary>Whether <paramref name="resource"/> or one of its descendants is bound: only those read their parent's pages.</summary>
    private bool Runs(string resource) => _bound.Contains(resource) || plan[resource].Children.Any(Runs);

    private RestClient CreateClient()
    {
        var config = plan.Config.Client;
        return new RestClient(config.BaseUrl, new RestClientOptions
        {
            Headers = config.Headers ?? new Dictionary<string, string>(),
            Auth = config.Auth,
            Paginator = config.Paginator,
        }, httpClient);
    }

    private async IAsyncEnumerable<RawJson[]> Produce(ResourcePlan resource)
    {
        var fetcher = Fetcher(resource.Name);
        if (resource.Parent is not { } parent)
        {
            await foreach (var page in fetcher.PagesAsync(null, CancellationToken.None).ConfigureAwait(false))
            {
                yield return page;
            }

            yield break;
        }

        await foreach (var parentPage in Feed(parent).ReadAsync(resource.Name).ConfigureAwait(false))
        {
            foreach (var record in parentPage)
            {
                await foreach (var page in fetcher.PagesAsync(record, CancellationToken.None).ConfigureAwait(false))
                {
                    yield return page;
                }
            }
        }
    }
}
