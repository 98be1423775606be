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
    public async Task A_raw_item_that_is_not_an_object_is_rejected()
    {
        using var run = new NormalizeRun();
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("items", new[] { RawJson.FromString("[1, 2]") })]));
        Assert.Contains("Item 0 of resource 'items' is a JSON array, not an object", error.Message, StringComparison.Ordinal);
    }
}
