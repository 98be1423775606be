using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Canonical;

public sealed class PythonJsonTests
{
    // Expected strings are Python 3's json.dumps(..., sort_keys=True) of the same value.
    [Fact]
    public void Writes_sorted_ascii_json_like_python_dumps()
    {
        var node = JsonNode.Parse("""
            {"b":"日本語 ナ","a":"\uD83D\uDE00","c":"\n\r\t\b\f\u0006\u007f\u0000","é":1,"Z":[1,2.0,null,true,false],"d":{"y":"\"q\\","x":{}},"e":[]}
            """);

        Assert.Equal(
            """{"Z": [1, 2.0, null, true, false], "a": "\ud83d\ude00", "b": "\u65e5\u672c\u8a9e \u30ca", "c": "\n\r\t\b\f\u0006\u007f\u0000", "d": {"x": {}, "y": "\"q\\"}, "e": [], "\u00e9": 1}""",
            PythonJson.Dumps(node));
    }

    [Fact]
    public void Sorts_keys_by_code_point_not_utf16_unit()
    {
        var node = new JsonObject { ["\uFFFF"] = 1, ["\U0001F600"] = 2, ["a"] = 3 };

        Assert.Equal("""{"a": 3, "\uffff": 1, "\ud83d\ude00": 2}""", PythonJson.Dumps(node));
    }

    [Fact]
    public void Keeps_non_ascii_but_escapes_control_characters_when_ascii_is_not_forced()
    {
        var node = new JsonObject { ["c"] = "\u0006\u007f", ["b"] = "日本語" };

        Assert.Equal("{\"b\": \"日本語\", \"c\": \"\\u0006\u007f\"}", PythonJson.Dumps(node, ensureAscii: false));
    }

    [Theory]
    [InlineData("1e16", "1e+16")]
    [InlineData("92898e37", "9.2898e+41")]
    [InlineData("1E-5", "1e-05")]
    [InlineData("0.1", "0.1")]
    [InlineData("123456789.0", "123456789.0")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1.0", "1.0")]
    [InlineData("-0", "0")]
    [InlineData("7817289713", "7817289713")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("1871786301820000000000", "1871786301820000000000")]
    public void Writes_parsed_numbers_as_python_reads_them(string json, string expected) =>
        Assert.Equal(expected, PythonJson.Dumps(JsonNode.Parse(json)));

    [Fact]
    public void Writes_dotnet_numbers_by_their_type()
    {
        var node = new JsonArray(1e16, 1e-05, 0.1, 123456789.0, -0.0, 42L, long.MinValue, true, "x");

        Assert.Equal("""[1e+16, 1e-05, 0.1, 123456789.0, -0.0, 42, -9223372036854775808, true, "x"]""", PythonJson.Dumps(node));
    }

    [Fact]
    public void Str_is_python_str_of_the_value()
    {
        Assert.Equal("12", PythonJson.Str(JsonNode.Parse("12")));
        Assert.Equal("abc", PythonJson.Str(JsonValue.Create("abc")));
        Assert.Equal("True", PythonJson.Str(JsonValue.Create(true)));
        Assert.Equal("None", PythonJson.Str(null));
    }
}
