using System.Text.Json;
using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class JsonPathTests
{
    private const string Document = """{"a": {"b": [1, 2]}, "n": null}""";

    [Theory]
    [InlineData("a.b")]
    [InlineData("$.a.b")]
    [InlineData("a.b[*]")]
    [InlineData("$.a.b[*]")]
    public void Dotted_paths_with_or_without_root_select_the_same_value(string path)
    {
        using var document = JsonDocument.Parse(Document);

        Assert.True(JsonPath.Parse(path).TryFind(document.RootElement, out var value));
        Assert.Equal("[1, 2]", value.GetRawText());
    }

    [Fact]
    public void The_root_path_selects_the_whole_document()
    {
        using var document = JsonDocument.Parse(Document);

        Assert.True(JsonPath.Parse("$").TryFind(document.RootElement, out var value));
        Assert.Equal(Document, value.GetRawText());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("a.b.c")]
    [InlineData("n.x")]
    public void A_missing_key_or_a_step_through_a_non_object_finds_nothing(string path)
    {
        using var document = JsonDocument.Parse(Document);

        Assert.False(JsonPath.Parse(path).TryFind(document.RootElement, out _));
    }

    [Theory]
    [InlineData("a[0]")]
    [InlineData("a..b")]
    [InlineData("$..b")]
    [InlineData("a[?(@.x)]")]
    public void Unsupported_json_path_is_refused_with_the_supported_forms(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => JsonPath.Parse(path));

        Assert.Contains("'$', 'a.b' or '$.a.b'", error.Message, StringComparison.Ordinal);
    }
}
