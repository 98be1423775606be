using Dlt.Tests.Support;

namespace Dlt.Tests.Extract;

public sealed class RawJsonTests
{
    [Fact]
    public async Task Raw_utf8_json_items_load_like_parsed_ones()
    {
        // Given the same objects as raw UTF-8 lines (one pretty-printed) and as parsed JSON
        string[] lines = ["""{"id": 1, "tags": ["a"], "at": "2024-01-02T03:04:05Z"}""", "{\n  \"id\": 2,\n  \"name\": \"b\"\n}", "{\"id\": 3, \"name\": \"\uF026verbatim\"}"];

        // When
        using var raw = await NormalizeRun.OfAsync(Resource.Create("items", lines.Select(RawJson.FromString)));
        using var parsed = await NormalizeRun.OfAsync(Resource.Create("items", Json.Items(lines)));

        // Then
        Assert.Equal(parsed.ColumnNames("items"), raw.ColumnNames("items"));
        Assert.Equal("timestamp", raw.DataType("items", "at"));
        Assert.Equal(
            parsed.Rows("items").Select(r => (r["id"], r.GetValueOrDefault("name"))),
            raw.Rows("items").Select(r => (r["id"], r.GetValueOrDefault("name"))));
        Assert.Contains(raw.Rows("items"), r => (string?)r.GetValueOrDefault("name") == "\uF026verbatim");
        Assert.Single(raw.Rows("items__tags"));
    }

    [Fact]
    public async Task Pages_of_raw_json_load_every_item_and_route_each_by_its_table_name()
    {
        // Given pages of raw items (an array and a list), the resource naming a table per item from its bytes
        IEnumerable<object> Pages()
        {
            yield return new[] { RawJson.FromString("""{"id": 1, "kind": "a"}"""), RawJson.FromString("""{"id": 2, "kind": "b"}""") };
            yield return new List<RawJson> { RawJson.FromString("""{"id": 3, "kind": "a"}""") };
        }

        var resource = Resource.Create("items", Pages()).WithTableName<RawJson>(item => System.Text.Encoding.UTF8.GetString(item.Utf8.Span).Contains("\"a\"", StringComparison.Ordinal) ? "kind_a" : "kind_b");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal([1L, 3L], run.Rows("kind_a").Select(r => r["id"]));
        Assert.Equal([2L], run.Rows("kind_b").Select(r => r["id"]));
    }

    [Fact]
    public async Task An_invalid_item_in_a_page_of_raw_json_is_named_by_its_position_in_the_resource()
    {
        // Given a second page whose first item is not JSON
        RawJson[][] pages = [[RawJson.FromString("""{"id": 1}"""), RawJson.FromString("""{"id": 2}""")], [RawJson.FromString("""{"id": 3"""), RawJson.FromString("""{"id": 4}""")]];
        using var run = new NormalizeRun();

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("items", pages)]));

        // Then the item's index counts the items of the earlier page
        Assert.Contains("Item 2 of resource 'items' (RawJson, 8 bytes) is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_item_that_is_not_an_object_is_rejected()
    {
        using var run = new NormalizeRun();
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("items", new[] { RawJson.FromString("[1, 2]") })]));
        Assert.Contains("Item 0 of resource 'items' is a JSON array, not an object", error.Message, StringComparison.Ordinal);
    }
}
