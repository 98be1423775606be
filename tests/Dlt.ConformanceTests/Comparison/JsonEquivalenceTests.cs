using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Comparison;

public sealed class JsonEquivalenceTests
{
    [Theory]
    [InlineData("""{"a": 1, "b": [1.0, "x"]}""", """{"b": [1, "x"], "a": 1.0}""", true)]
    [InlineData("18446744073709551615", "18446744073709551615", true)]
    [InlineData("18446744073709551615", "18446744073709551614", false)]
    [InlineData("9.2898e+41", "92898e37", true)]
    [InlineData("[1, 2]", "[2, 1]", false)]
    [InlineData("""{"a": null}""", "{}", false)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("true", "false", false)]
    public void Compares_numbers_numerically_and_objects_without_key_order(string expected, string actual, bool equivalent) =>
        Assert.Equal(equivalent, JsonEquivalence.AreEquivalent(JsonNode.Parse(expected), JsonNode.Parse(actual)));

    [Fact]
    public void Compares_dotnet_values_with_parsed_ones()
    {
        Assert.True(JsonEquivalence.AreEquivalent(JsonNode.Parse("9.2898e+41"), JsonValue.Create(9.2898e41)));
        Assert.True(JsonEquivalence.AreEquivalent(JsonNode.Parse("7817289713"), JsonValue.Create(7817289713L)));
        Assert.False(JsonEquivalence.AreEquivalent(JsonNode.Parse("0.1"), JsonValue.Create(0.2)));
        Assert.False(JsonEquivalence.AreEquivalent(null, JsonValue.Create("x")));
    }
}
