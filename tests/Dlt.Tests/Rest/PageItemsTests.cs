using System.Text;
using System.Text.Json;
using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class PageItemsTests
{
    [Theory]
    [InlineData("""{"data": [{"id": 1}, {"id": 2, "s": "é"}]}""", "data", new[] { """{"id": 1}""", """{"id": 2, "s": "é"}""" })]
    [InlineData("""{"data": {"id": 1}}""", "data", new[] { """{"id": 1}""" })]
    [InlineData("""{"data": null}""", "data", new string[0])]
    [InlineData("""{"other": []}""", "data", new string[0])]
    [InlineData("""[{"id": 1}]""", "$", new[] { """{"id": 1}""" })]
    public void Selects_records_as_slices_of_the_body(string json, string selector, string[] expected)
    {
        // Given a body parsed in place
        var body = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(body.AsMemory());

        // When
        var items = PageItems.Select(body, document.RootElement, JsonPath.Parse(selector));

        // Then each record is its exact raw text, still valid once the document is disposed
        document.Dispose();
        Assert.Equal(expected, items.Select(i => Encoding.UTF8.GetString(i.Utf8.Span)));
    }

    [Fact]
    public void An_empty_body_has_no_records()
    {
        Assert.Empty(PageItems.Select([], default, JsonPath.Root));
    }
}
