using System.Globalization;
using System.Text;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using Dlt.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Endpoint = Dlt.Rest.Endpoint;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>rest_source</c>: the declarative REST source's extract stage against a local API (Kestrel on
/// 127.0.0.1) that answers every request after 50 ms: 8 resources of 25 pages of 50 items, and for
/// the first 2 items of every page one child request (through an unselected parent resource of
/// 2-item pages, which adds one request per page). <c>parallel=20</c> (extract.workers =
/// max_parallel_items = 20) is compared with <c>parallel=1</c>.
/// </summary>
internal sealed class RestSourceWorkload : IWorkload
{
    private const int Resources = 8;
    private const int Pages = 25;
    private const int PageSize = 50;
    private const int ChildrenPerPage = 2;
    private const int LatencyMs = 50;

    public string Name => "rest_source";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = new List<ResultRow>();
        foreach (var n in new[] { 1, 20 })
        {
            var args = new ChildArgs(Name, $"parallel={n}").With(ChildArgs.Rows, (long)Resources * Pages * (PageSize + ChildrenPerPage));
            rows.Add(await context.MeasureAsync(this, args, Knobs.Of((Knobs.ExtractWorkers, n), (Knobs.ExtractMaxParallelItems, n))).ConfigureAwait(false));
        }

        return [.. rows.Select(row => row.Against(rows[0]))];
    }

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        await using var api = await StartApiAsync().ConfigureAwait(false);
        var baseUrl = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var resources = new List<EndpointResource>();
        for (var r = 0; r < Resources; r++)
        {
            resources.Add(new EndpointResource { Name = $"items_{r}", Endpoint = new Endpoint { Path = $"r{r}/items", Params = new Dictionary<string, object?> { ["per_page"] = PageSize } } });
            resources.Add(new EndpointResource { Name = $"heads_{r}", Selected = false, Endpoint = new Endpoint { Path = $"r{r}/items", Params = new Dictionary<string, object?> { ["per_page"] = ChildrenPerPage } } });
            resources.Add(new EndpointResource { Name = $"details_{r}", Endpoint = new Endpoint { Path = $"r{r}/details/{{resources.heads_{r}.id}}", Paginator = new SinglePagePaginator() } });
        }

        var config = new RestApiConfig
        {
            Client = new RestApiClientConfig
            {
                BaseUrl = baseUrl + "/",
                Paginator = new PageNumberPaginator(basePage: 1, totalPath: "total_pages"),
            },
            ResourceDefaults = new EndpointResource { Endpoint = new Endpoint { DataSelector = "data" } },
            Resources = resources,
        };

        var pipeline = new StagedPipeline(args.Directory);
        await pipeline.ExtractAsync(RestApiSource.Create(config, "rest_source"), cancellationToken).ConfigureAwait(false);
        return pipeline.Result(args.RowCount);
    }

    private static async Task<WebApplication> StartApiAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(async context =>
        {
            await Task.Delay(LatencyMs, context.RequestAborted).ConfigureAwait(false);
            var segments = context.Request.Path.Value!.Trim('/').Split('/');
            var resource = int.Parse(segments[0][1..], CultureInfo.InvariantCulture);
            var body = new StringBuilder();
            if (segments[1] == "details")
            {
                body.Append("{\"data\": {\"id\": ").Append(segments[2]).Append(", \"detail\": \"detail of ").Append(segments[2]).Append("\"}}");
            }
            else
            {
                var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
                var perPage = int.Parse(context.Request.Query["per_page"].FirstOrDefault() ?? "50", CultureInfo.InvariantCulture);
                body.Append(CultureInfo.InvariantCulture, $$"""{"total_pages": {{Pages}}, "data": [""");
                for (var i = 0; i < perPage; i++)
                {
                    var id = (resource * 1_000_000L) + ((page - 1) * PageSize) + i;
                    body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"id": {{id}}, "page": {{page}}, "payload": "payload of item {{id}}", "updated_at": "2024-01-01T00:00:00Z"}""");
                }

                body.Append("]}");
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToString(), context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }
}
