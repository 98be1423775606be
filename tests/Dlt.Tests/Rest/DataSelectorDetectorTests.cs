using System.Text.Json;
using Dlt.Rest;

namespace Dlt.Tests.Rest;

public sealed class DataSelectorDetectorTests
{
    [Theory]
    [InlineData("""[{"id": 1}]""", "$")]
    [InlineData("""{"id": 1, "name": "x"}""", "$")]
    [InlineData("""{"meta": {"tags": ["a"]}, "results": [{"id": 1}]}""", "results")]
    [InlineData("""{"tags": ["a"], "other": [1]}""", "tags")]
    [InlineData("""{"page": {"info": {"values": [1]}}}""", "page.info.values")]
    [InlineData("""{"a": {"b": {"c": {"data": [1]}}}}""", "$")]
    [InlineData("""{"links": ["x"], "response": {"data": [{"id": 1}]}}""", "response.data")]
    [InlineData("""{"Data": [1], "list": [2]}""", "Data")]
    public void Picks_dlts_record_list(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, DataSelectorDetector.Detect(document.RootElement).Text);
    }
}
