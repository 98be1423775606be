namespace Dlt.Rest;

/// <summary>
/// One extraction of a declarative source: the client (created inside the running pipeline, so its
/// <c>[runtime]</c> settings are the pipeline's) and the shared page feeds of parent resources. It
/// ends when every loading resource has finished.
/// </summary>
internal sealed class RestApiRun
{
    private readonly RestApiPlan _plan;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PageFeed> _feeds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);
    private readonly RestClient _client;
    private readonly IReadOnlyDictionary<string, IncrementalRequestValues> _incrementals;
    private int _active;
    private bool _ended;

    public RestApiRun(RestApiPlan plan, HttpClient? httpClient, IReadOnlyDictionary<string, IncrementalRequestValues> incrementals)
    {
        _plan = plan;
        _incrementals = incrementals;
        var config = plan.Config.Client;
        _client = new RestClient(config.BaseUrl, new RestClientOptions
        {
            Headers = config.Headers ?? new Dictionary<string, string>(),
            Auth = config.Auth,
            Paginator = config.Paginator,
        }, httpClient);
    }

    /// <summary>Joins <paramref name="resource"/>; false when it already ran in this run (a second pipeline run then starts a new one) or the run has ended.</summary>
    public bool TryJoin(string resource)
    {
        lock (_lock)
        {
            // A run whose resources all left has disposed its client: a resource that starts late begins a new run.
            if (_ended || !_joined.Add(resource))
            {
                return false;
            }

            _active++;
            return true;
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

    /// <summary>Ends one resource's part (or a deferred request's); the last one out disposes the client.</summary>
    public async ValueTask LeaveAsync()
    {
        List<PageFeed>? feeds = null;
        lock (_lock)
        {
            if (--_active == 0)
            {
                _ended = true;
                feeds = [.. _feeds.Values];
                _feeds.Clear();
            }
        }

        if (feeds is not null)
        {
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync().ConfigureAwait(false);
            }

            _client.Dispose();
        }
    }

    public EndpointFetcher Fetcher(string resource) => new(_plan[resource], _client, _incrementals);

    /// <summary>The shared pages of <paramref name="resource"/>: read by itself when selected and by each child.</summary>
    public PageFeed Feed(string resource)
    {
        lock (_lock)
        {
            if (!_feeds.TryGetValue(resource, out var feed))
            {
                var plan = _plan[resource];
                var readers = (plan.Selected ? [resource] : Array.Empty<string>()).Concat(plan.Children).ToList();
                feed = new PageFeed(Produce(plan).GetAsyncEnumerator(), readers);
                _feeds[resource] = feed;
            }

            return feed;
        }
    }

    private async IAsyncEnumerable<RawJson[]> Produce(ResourcePlan plan)
    {
        var fetcher = Fetcher(plan.Name);
        if (plan.Parent is not { } parent)
        {
            await foreach (var page in fetcher.PagesAsync(null, CancellationToken.None).ConfigureAwait(false))
            {
                yield return page;
            }

            yield break;
        }

        await foreach (var parentPage in Feed(parent).ReadAsync(plan.Name).ConfigureAwait(false))
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
