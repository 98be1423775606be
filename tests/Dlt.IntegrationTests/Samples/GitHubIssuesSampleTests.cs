using System.Diagnostics;
using System.Text.Json.Nodes;
using Dlt.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Dlt.IntegrationTests.Samples;

/// <summary>
/// samples/GitHubIssues run as a process, twice, against a GitHub-like issues API served on
/// 127.0.0.1: Link-header pages, <c>since</c> on <c>updated_at</c>, comments per issue.
/// </summary>
public sealed class GitHubIssuesSampleTests : IAsyncLifetime
{
    private const int PageSize = 2;
    private const string Repository = "/repos/acme/widgets/";
    private readonly TempPipelineDirectory _dir = new();
    private readonly List<Issue> _issues =
    [
        new(1, "Crash on start", "2026-11-02T10:00:00Z", "ann", ["bug"]),
        new(2, "Docs typo", "2026-11-03T09:00:00Z", "bob", ["docs"]),
        new(3, "Add retries", "2026-11-04T08:00:00Z", "cid", ["enhancement", "good first issue"]),
        new(4, "Old question", "2026-10-01T00:00:00Z", "dan", []),
        new(5, "Slow load", "2026-11-05T12:00:00Z", "eve", []),
    ];

    private readonly Dictionary<int, List<(int Id, string Body, string User)>> _comments = new()
    {
        [1] = [(11, "seen it too", "bob"), (12, "fixed in main", "ann"), (13, "thanks", "eve")],
        [2] = [(21, "which page?", "ann")],
        [3] = [],
        [4] = [(41, "answered", "bob")],
        [6] = [(61, "+1", "cid")],
    };

    private LocalHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync();
        _server.Map(Repository + "issues", context =>
        {
            // GitHub's semantics: issues updated at or after 'since', here oldest first, in pages the server sizes.
            var since = context.Request.Query["since"].FirstOrDefault() ?? "";
            var issues = _issues.Where(i => string.CompareOrdinal(i.UpdatedAt, since) >= 0).OrderBy(i => i.UpdatedAt, StringComparer.Ordinal)
                .Select(i => new JsonObject
                {
                    ["id"] = 1000 + i.Number,
                    ["number"] = i.Number,
                    ["title"] = i.Title,
                    ["state"] = "open",
                    ["updated_at"] = i.UpdatedAt,
                    ["user"] = new JsonObject { ["login"] = i.User },
                    ["labels"] = new JsonArray([.. i.Labels.Select(l => new JsonObject { ["name"] = l })]),
                });
            return WritePageAsync(context, [.. issues]);
        });
        for (var issue = 1; issue <= 6; issue++)
        {
            // Issue 5's comments answer 404 (a deleted issue), which the config ignores.
            var number = issue;
            _server.Map($"{Repository}issues/{number}/comments", context => _comments.TryGetValue(number, out var comments)
                ? WritePageAsync(context, [.. comments.Select(c => new JsonObject { ["id"] = c.Id, ["body"] = c.Body, ["user"] = new JsonObject { ["login"] = c.User } })])
                : LocalHttpServer.WriteJsonAsync(context, """{"message": "Not Found"}""", StatusCodes.Status404NotFound));
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_sample_loads_issues_and_comments_then_only_what_changed()
    {
        // When the sample runs, and runs again after issue 2 was retitled and commented on and issue 6 was filed
        await RunSampleAsync();
        using (var db = OpenDatabase())
        {
            Assert.Equal(
                [[1001L, 1L, "Crash on start", "ann"], [1002L, 2L, "Docs typo", "bob"], [1003L, 3L, "Add retries", "cid"], [1005L, 5L, "Slow load", "eve"]],
                db.Query($"SELECT id, number, title, user__login FROM {db.Table("issues")} ORDER BY id"));
        }

        var firstRun = _server.RequestsTo(Repository + "issues");
        _issues[1] = _issues[1] with { Title = "Docs typo in README", UpdatedAt = "2026-11-06T00:00:00Z", Labels = ["docs", "good first issue"] };
        _comments[2].Add((22, "the install page", "bob"));
        _issues.Add(new Issue(6, "Support TOML", "2026-11-07T00:00:00Z", "fay", ["enhancement"]));
        await RunSampleAsync();

        // Then each run walked the issues' pages once from its start value: the initial value, then the newest updated_at loaded
        Assert.Equal(
            [("2026-11-01T00:00:00Z", null), ("2026-11-01T00:00:00Z", "2")],
            firstRun.Select(r => (r.Query("since"), r.Query("page"))));
        Assert.Equal(
            [("2026-11-05T12:00:00Z", null), ("2026-11-05T12:00:00Z", "2")],
            _server.RequestsTo(Repository + "issues").Skip(firstRun.Count).Select(r => (r.Query("since"), r.Query("page"))));
        Assert.All(_server.RequestsTo(Repository + "issues"), r => Assert.Equal(("all", "updated", "asc", "100"), (r.Query("state"), r.Query("sort"), r.Query("direction"), r.Query("per_page"))));

        // And the tables hold the merged rows: issue 2 updated in place with its new labels, issue 6 added, every comment once
        using var after = OpenDatabase();
        Assert.Equal(
            [[1001L, 1L, "Crash on start"], [1002L, 2L, "Docs typo in README"], [1003L, 3L, "Add retries"], [1005L, 5L, "Slow load"], [1006L, 6L, "Support TOML"]],
            after.Query($"SELECT id, number, title FROM {after.Table("issues")} ORDER BY id"));
        Assert.Equal(
            [[1L, "bug"], [2L, "docs"], [2L, "good first issue"], [3L, "enhancement"], [3L, "good first issue"], [6L, "enhancement"]],
            after.Query($"SELECT i.number, l.name FROM {after.Table("issues__labels")} l JOIN {after.Table("issues")} i ON l._dlt_parent_id = i._dlt_id ORDER BY 1, 2"));
        Assert.Equal(
            [
                [11L, "seen it too", "bob", 1L], [12L, "fixed in main", "ann", 1L], [13L, "thanks", "eve", 1L],
                [21L, "which page?", "ann", 2L], [22L, "the install page", "bob", 2L], [61L, "+1", "cid", 6L],
            ],
            after.Query($"SELECT id, body, user__login, _issues_number FROM {after.Table("issue_comments")} ORDER BY id"));
    }

    private DuckDbReader OpenDatabase() => new(Path.Combine(_dir.Root, "github.duckdb"), "github_data");

    /// <summary>Answers one page of <paramref name="items"/> (the <c>page</c> query param, from 1) with GitHub's Link header to the next.</summary>
    private Task WritePageAsync(HttpContext context, IReadOnlyList<JsonNode> items)
    {
        var page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        if (page * PageSize < items.Count)
        {
            var query = new QueryBuilder(context.Request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
            {
                { "page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            context.Response.Headers.Link = $"<{_server.Url(context.Request.Path + query.ToString())}>; rel=\"next\"";
        }

        return LocalHttpServer.WriteJsonAsync(context, new JsonArray([.. items.Skip((page - 1) * PageSize).Take(PageSize).Select(i => i.DeepClone())]).ToJsonString());
    }

    private async Task RunSampleAsync()
    {
        var start = new ProcessStartInfo("dotnet", [SampleDll(), _server.Url(Repository).ToString()])
        {
            WorkingDirectory = _dir.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DLT_DATA_DIR"] = Path.Combine(_dir.Root, "data");
        start.Environment["RUNTIME__LOG_LEVEL"] = "WARNING";
        start.Environment.Remove("GITHUB_TOKEN");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the sample exited with {process.ExitCode}:\n{await output}\n{await error}");
        Assert.Contains("github_data", await output, StringComparison.Ordinal);
    }

    /// <summary>The sample's own build output (built before the tests: the test project references it).</summary>
    private static string SampleDll()
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        for (var folder = build; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Dlt.slnx")))
            {
                var output = Path.Combine(folder.FullName, "samples", "GitHubIssues", "bin", build.Parent!.Name, build.Name);
                return Directory.GetFiles(output, "GitHubIssues.dll", SearchOption.AllDirectories).Single();
            }
        }

        throw new InvalidOperationException($"No Dlt.slnx above {AppContext.BaseDirectory}: cannot find the sample's build.");
    }

    private sealed record Issue(int Number, string Title, string UpdatedAt, string User, IReadOnlyList<string> Labels);
}
