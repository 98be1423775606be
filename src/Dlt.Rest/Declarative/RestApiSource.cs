using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Dlt.Rest;

/// <summary>
/// The declarative REST API source (dlt's <c>rest_api_source</c>): one resource per selected entry
/// of a <see cref="RestApiConfig"/>, loading whole pages. Resources and the child requests of each
/// parent page run concurrently within <c>extract.max_parallel_items</c>; a child starts on a parent
/// page as soon as it arrives.
/// </summary>
public static class RestApiSource
{
    /// <summary>Checks <paramref name="config"/> and builds the source; no request is sent until it is extracted.</summary>
    /// <param name="config">The client, resource defaults and resources.</param>
    /// <param name="name">The source name (and schema name).</param>
    /// <param name="httpClient">The client to send with; when null each run creates one and disposes it.</param>
    /// <exception cref="ConfigException">The config has problems (unknown parents, placeholders, circular references...); every one is listed with its path.</exception>
    public static Source Create(RestApiConfig config, string name = "rest_api", HttpClient? httpClient = null)
    {
        var plan = RestApiPlan.Create(config);
        var runs = new Runs(plan, httpClient);
        var resources = plan.Resources.Where(r => r.Selected)
            .Select(r => Hinted(r, r.Incremental is null
                ? Resource.Create(r.Name, context => runs.Bind(context, r, incremental: null))
                : IncrementalBinding.Create(r, (context, incremental) => runs.Bind(context, r, incremental))))
            .ToArray();
        return Source.Create(name, resources);
    }

    private static Resource Hinted(ResourcePlan plan, Resource resource)
    {
        var hints = plan.Resource;
        if (hints.TableName is { } table)
        {
            resource = resource.WithTableName(table);
        }

        if (hints.WriteDisposition is { } disposition)
        {
            resource = resource.WithWriteDisposition(disposition);
        }

        if (hints.MergeStrategy is { } strategy)
        {
            resource = resource.WithMergeStrategy(strategy);
        }

        if (hints.PrimaryKey is { Count: > 0 } primaryKey)
        {
            resource = resource.WithPrimaryKey([.. primaryKey]);
        }

        if (hints.MergeKey is { Count: > 0 } mergeKey)
        {
            resource = resource.WithMergeKey([.. mergeKey]);
        }

        if (hints.Columns is { Count: > 0 } columns)
        {
            resource = resource.WithColumns([.. columns]);
        }

        if (hints.MaxTableNesting is { } nesting)
        {
            resource = resource.WithMaxTableNesting(nesting);
        }

        return resource;
    }

    /// <summary>
    /// The runs of this source, one per extraction: a pipeline binds every resource of an extraction
    /// (with the same source state object) before it starts any, so the resources bound with one
    /// source state share one run, and concurrent extractions by other pipelines get their own.
    /// </summary>
    private sealed class Runs(RestApiPlan plan, HttpClient? httpClient)
    {
        private readonly ConditionalWeakTable<JsonObject, RestApiRun> _runs = new();

        public IAsyncEnumerable<object> Bind(ResourceContext context, ResourcePlan resource, IncrementalRequestValues? incremental)
        {
            var run = _runs.GetValue(context.SourceState, _ => new RestApiRun(plan, httpClient));
            run.Bind(resource.Name, incremental);
            return new Items(run, resource);
        }
    }

    /// <summary>
    /// The items of one resource: its pages, or for a child without children of its own, one deferred
    /// request per parent record (started by the extract stage within <c>max_parallel_items</c>).
    /// </summary>
    private sealed class Items(RestApiRun run, ResourcePlan plan) : IAsyncEnumerable<object>
    {
        public async IAsyncEnumerator<object> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            run.Join(plan.Name);
            try
            {
                if (plan.Parent is { } parent && plan.Children.Count == 0)
                {
                    var fetcher = run.Fetcher(plan.Name);
                    await foreach (var parentPage in run.Feed(parent).ReadAsync(plan.Name).WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        foreach (var record in parentPage)
                        {
                            // The deferred request may run after this enumerator ends: it holds the run (and its client) until done.
                            run.Hold();
                            yield return (Func<Task<RawJson[]>>)(async () =>
                            {
                                try
                                {
                                    return await fetcher.AllRecordsAsync(record, cancellationToken).ConfigureAwait(false);
                                }
                                finally
                                {
                                    await run.LeaveAsync().ConfigureAwait(false);
                                }
                            });
                        }
                    }
                }
                else
                {
                    await foreach (var page in run.Feed(plan.Name).ReadAsync(plan.Name).WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        yield return page;
                    }
                }
            }
            finally
            {
                await run.LeaveAsync().ConfigureAwait(false);
            }
        }
    }
}
