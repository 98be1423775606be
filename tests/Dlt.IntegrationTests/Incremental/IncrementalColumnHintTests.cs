using System.Text.Json.Nodes;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Incremental;

/// <summary>
/// The cursor column carries dlt's <c>incremental: true</c> column hint (dlt/extract/hints.py,
/// <c>_merge_incremental_column_hint</c>; tests/extract/test_incremental.py, test_incremental_table_hint_merged_columns).
/// </summary>
public sealed class IncrementalColumnHintTests
{
    private static Resource Rows(string cursorPath) =>
        Resource.Create("events", Enumerable.Range(1, 3).Select(i => new Dictionary<string, object?> { ["id"] = (long)i, ["updatedAt"] = (long)(10 * i), ["meta"] = new Dictionary<string, object?> { ["seq"] = (long)i } }))
            .WithIncremental(new Incremental<long>(cursorPath));

    private static JsonObject Columns(Pipeline pipeline) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(pipeline.WorkingDirectory, "schemas", pipeline.DefaultSchemaName + ".schema.json")))!["tables"]!["events"]!["columns"]!.AsObject();

    private static string[] Marked(JsonObject columns) =>
        [.. columns.Where(c => c.Value?["incremental"]?.GetValue<bool>() == true).Select(c => c.Key)];

    [Fact]
    public async Task The_cursor_column_gets_the_hint_in_the_stored_schemas_and_only_one_column_holds_it()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();

        await pipeline.RunAsync(Rows("updatedAt"));
        Assert.Equal(["updated_at"], Marked(Columns(pipeline)));
        using (var db = destination.OpenReader())
        {
            var stored = (string)db.Query($"SELECT schema FROM {db.Table("_dlt_version")} ORDER BY inserted_at DESC LIMIT 1")[0][0]!;
            var storedColumns = JsonNode.Parse(stored)!["tables"]!["events"]!["columns"]!.AsObject();
            Assert.Equal(["updated_at"], Marked(storedColumns));
        }

        // A new cursor moves the hint (it is compound, as dlt's).
        await pipeline.RunAsync(Rows("id"));
        Assert.Equal(["id"], Marked(Columns(pipeline)));

        // A run of the resource without an incremental leaves the hint where it is, as dlt's schema merge does.
        await pipeline.RunAsync(Resource.Create("events", [new Dictionary<string, object?> { ["id"] = 9L }]));
        Assert.Equal(["id"], Marked(Columns(pipeline)));
    }

    [Fact]
    public async Task A_json_path_cursor_marks_no_column()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();

        await pipeline.RunAsync(Rows("$.updatedAt"));
        await destination.CreatePipeline("second").RunAsync(Rows("meta.seq"));

        Assert.Empty(Marked(Columns(pipeline)));
        Assert.Empty(Marked(Columns(destination.CreatePipeline("second"))));
    }
}
