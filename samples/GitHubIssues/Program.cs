using Dlt;
using Dlt.DuckDb;
using Dlt.Rest;

// Loads the issues of a GitHub repository and their comments into ./github.duckdb with the
// declarative REST source. The config (github.json) is a Python dlt rest_api dict: pages followed
// through the Link header, issues requested since the newest updated_at loaded before and merged by
// id, one comments request per issue. Run it again and only the issues updated since then load.
//   dotnet run --project samples/GitHubIssues [-- <repository API url, default dlt-hub/dlt>]
// GITHUB_TOKEN, when set, authenticates the requests (GitHub allows 60 an hour without).
var baseUrl = args.Length > 0 ? args[0] : "https://api.github.com/repos/dlt-hub/dlt/";
var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
var config = RestApiConfig.FromJson(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "github.json")));
config = config with
{
    Client = config.Client with { BaseUrl = baseUrl, Auth = string.IsNullOrEmpty(token) ? null : new BearerTokenAuth(token) },
};

var pipeline = Pipeline.Create("github_issues", DuckDbDestination.Create("github.duckdb"), "github_data");
LoadInfo info = await pipeline.RunAsync(RestApiSource.Create(config, "github"));
Console.WriteLine(info);
