using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>
/// User strings that start with one of dlt's typed-jsonl marker characters (U+F026..) are text,
/// stored verbatim, never decoded as typed values (reference §7.2; we escape them at extract).
/// </summary>
public sealed class TypedMarkerEscapingTests
{
    public static TheoryData<string> MarkedStrings => new()
    {
        "\uF026123.45",
        "\uF0272024-05-06T07:08:09+00:00",
        "\uF02B AQID",
        "\uF02E",
        "\uF02E\uF026x",
    };

    [Theory]
    [MemberData(nameof(MarkedStrings))]
    public async Task A_marked_string_from_a_dictionary_stays_text_verbatim(string text)
    {
        // Given
        var resource = Resource.Create("t", [new Dictionary<string, object?> { ["s"] = text }]);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("t", "s"));
        Assert.Equal(text, Assert.Single(run.Rows("t"))["s"]);
    }

    [Theory]
    [MemberData(nameof(MarkedStrings))]
    public async Task A_marked_string_from_a_json_element_stays_text_verbatim(string text)
    {
        // Given
        var resource = Resource.Create("t", [Json.Parse(new JsonObject { ["s"] = text }.ToJsonString())]);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("t", "s"));
        Assert.Equal(text, Assert.Single(run.Rows("t"))["s"]);
    }

    [Fact]
    public async Task A_marker_written_as_a_json_escape_stays_text_verbatim()
    {
        // Given
        var resource = Json.Resource("t", """{"s": "\uf026123"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("t", "s"));
        Assert.Equal("\uF026123", Assert.Single(run.Rows("t"))["s"]);
    }

    [Fact]
    public async Task A_marked_string_from_a_json_node_stays_text_verbatim()
    {
        // Given
        var resource = Resource.Create("t", [new JsonObject { ["s"] = "\uF026123" }]);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("\uF026123", Assert.Single(run.Rows("t"))["s"]);
    }

    [Fact]
    public async Task A_marked_string_inside_a_json_column_stays_verbatim()
    {
        // Given
        var item = new Dictionary<string, object?> { ["j"] = new[] { "\uF026123", "plain" } };
        var resource = Resource.Create("t", [item]).WithMaxTableNesting(0);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("json", run.DataType("t", "j"));
        var stored = JsonSerializer.Deserialize<string[]>((string)Assert.Single(run.Rows("t"))["j"]!);
        Assert.Equal(["\uF026123", "plain"], stored!);
    }
}
