using System.Text.Json.Nodes;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Incremental;

/// <summary>
/// The rules of dlt's <c>Incremental</c> (dlt/extract/incremental/__init__.py and transform.py) on
/// rows of our own: missing and null cursors, mixed types and time zones, a known row order, end
/// values, replace, and a load that fails for good.
/// </summary>
public sealed class IncrementalRulesTests
{
    private static Resource Rows(string name, params string[] json) => Resource.Create(name, Json.Items(json));

    private static List<object?> Ids(TestDestination destination, string table)
    {
        using var db = destination.OpenReader();
        return [.. db.Query($"SELECT id FROM {db.Table(table)} ORDER BY id").Select(r => r[0])];
    }

    [Fact]
    public async Task A_row_without_the_cursor_fails_naming_resource_and_path_unless_told_to_include_or_exclude_it()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        string[] rows = ["""{"id": 1, "ts": 5}""", """{"id": 2}""", """{"id": 3, "ts": null}""", """{"id": 4, "ts": 6}"""];

        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            destination.CreatePipeline().RunAsync(Rows("raise", rows).WithIncremental(new Incremental<long>("ts"))));
        var cursor = Assert.IsType<IncrementalCursorException>(error.InnerException?.InnerException ?? error.InnerException);
        Assert.Equal(("raise", "ts"), (cursor.ResourceName, cursor.CursorPath));
        Assert.Contains("Item 1 of resource 'raise' has no value at the cursor path 'ts'", cursor.Message, StringComparison.Ordinal);

        await destination.CreatePipeline().RunAsync(
            Rows("included", rows).WithIncremental(new Incremental<long>("ts") { OnCursorValueMissing = CursorValueMissing.Include }),
            Rows("excluded", rows).WithIncremental(new Incremental<long>("ts") { OnCursorValueMissing = CursorValueMissing.Exclude }));
        Assert.Equal([1L, 2L, 3L, 4L], Ids(destination, "included"));
        Assert.Equal([1L, 4L], Ids(destination, "excluded"));
    }

    [Fact]
    public async Task A_cursor_of_another_type_fails_naming_both_types()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(
            Rows("mixed", """{"id": 1, "ts": "2024-01-01T00:00:00Z"}""", """{"id": 2, "ts": 17}""").WithIncremental(new Incremental<DateTimeOffset>("ts"))));
        Assert.Contains("Item 1 of resource 'mixed' has a number at the cursor path 'ts', where the cursor is a DateTimeOffset", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timestamps_without_a_time_zone_are_compared_as_utc_with_a_warning()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var log = new StringWriter();
        var pipeline = destination.CreatePipeline(options => options with { LogOutput = log });
        Resource Load(params string[] json) => Rows("tz", json).WithIncremental(new Incremental<DateTimeOffset>("ts"));
        await pipeline.RunAsync(Load("""{"id": 1, "ts": "2024-01-01T10:00:00+00:00"}"""));

        // 09:00 naive is before the 10:00 UTC last value; 11:00 naive is after it; 10:30+02:00 is 08:30 UTC.
        await pipeline.RunAsync(Load("""{"id": 2, "ts": "2024-01-01T09:00:00"}""", """{"id": 3, "ts": "2024-01-01T11:00:00"}""", """{"id": 4, "ts": "2024-01-01T10:30:00+02:00"}"""));

        Assert.Equal([1L, 3L], Ids(destination, "tz"));
        Assert.Contains("Resource 'tz' has timestamps without a time zone at the cursor path 'ts'", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_row_order_stops_the_resource_at_the_first_row_out_of_range()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();
        var yielded = 0;
        IEnumerable<Dictionary<string, object?>> Descending(int from)
        {
            for (var i = from; i >= 0; i--)
            {
                yielded++;
                yield return new() { ["id"] = (long)i };
            }
        }

        var incremental = new Incremental<long>("id") { RowOrder = RowOrder.Descending };
        await pipeline.RunAsync(Resource.Create("desc", Descending(9)).WithIncremental(incremental));
        yielded = 0;
        await pipeline.RunAsync(Resource.Create("desc", Descending(14)).WithIncremental(incremental));

        // 14..10 are new, 9 equals the last value (deduplicated), 8 is the first row below it: the generator stops there.
        Assert.Equal(7, yielded);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (object?)(long)i), Ids(destination, "desc"));
    }

    [Fact]
    public async Task A_backfill_with_an_end_value_keeps_no_cursor_and_replace_starts_from_an_empty_state()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();
        string[] rows = [.. Enumerable.Range(0, 10).Select(i => $$"""{"id": {{i}}}""")];

        await pipeline.RunAsync(Rows("window", rows).WithIncremental(new Incremental<long>("id") { InitialValue = 3, EndValue = 6 }));
        Assert.Equal([3L, 4L, 5L], Ids(destination, "window"));
        Assert.Null(ResourceState(pipeline, "window")?["incremental"]);

        var replace = Rows("replaced", rows).WithWriteDisposition(WriteDisposition.Replace).WithIncremental(new Incremental<long>("id"));
        await pipeline.RunAsync(replace);
        await pipeline.RunAsync(replace);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (object?)(long)i), Ids(destination, "replaced"));
    }

    [Fact]
    public async Task A_package_that_fails_for_good_leaves_the_cursor_and_the_next_run_extracts_its_rows_again()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = destination.CreatePipeline();
        Resource Codes(int to) => Resource.Create("codes", Enumerable.Range(0, to).Select(i => new Dictionary<string, object?> { ["id"] = (long)i, ["code"] = $"x{i}" }))
            .WithIncremental(new Incremental<long>("id"));
        using (var db = destination.OpenReader())
        {
            db.Query($"CREATE SCHEMA IF NOT EXISTS \"{destination.Dataset}\"");
            db.Query($"CREATE TABLE {db.Table("codes")} (id BIGINT, code INTEGER)");
        }

        await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Codes(5)));
        Assert.Null(ResourceState(pipeline, "codes")?["incremental"]);

        // The cause fixed: the column takes text now.
        using (var db = destination.OpenReader())
        {
            db.Query($"ALTER TABLE {db.Table("codes")} ALTER code TYPE VARCHAR");
        }

        await pipeline.RunAsync(Codes(7));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (object?)(long)i), Ids(destination, "codes"));
    }

    private static JsonObject? ResourceState(Pipeline pipeline, string resource)
    {
        var path = Path.Combine(pipeline.WorkingDirectory, "state.json");
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))?["sources"]?[pipeline.DefaultSchemaName]?["resources"]?[resource] as JsonObject
            : null;
    }
}
