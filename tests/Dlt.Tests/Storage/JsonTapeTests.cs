using System.Text;
using System.Text.Json;
using Dlt.Storage;
using Dlt.Tests.Support;

namespace Dlt.Tests.Storage;

public sealed class JsonTapeTests
{
    private static readonly string[] Documents =
    [
        """{"id": 12, "Customer ID": "c-1", "at": "2024-01-02T03:04:05.123456+02:00", "amount": -12.50e-1, "tags": ["a", "b"], "user": {"name": "Zoë", "flags": [true, false, null]}}""",
        """{"items": [{"sku": "x\"y", "qty": 0, "dims": [[1, 2], [3.5]]}], "note": "tab\tfree \u00e9 \ud83d\ude00", "empty": {}, "none": [], "esc\u0041ped key": 1}""",
        """{"a": {"b": {"c": {"d": [0, 1e9, -0.0, 0.1, 12345678901234567890, 0.30000000000000004]}}}, "with.dot": "\/", "camelCase": 1234567890123}""",
        " [ 1 , \"two\" , { } , [ ] ] ",
    ];

    [Fact]
    public void A_line_reads_as_System_Text_Json_reads_it()
    {
        var tape = new JsonTape();
        foreach (var document in Documents)
        {
            var utf8 = Encoding.UTF8.GetBytes(document);
            tape.Parse(utf8);
            using var expected = JsonDocument.Parse(utf8, ItemJsonLimits.DocumentOptions);
            AssertSame(expected.RootElement, tape.Root, "$");
        }
    }

    [Fact]
    public void Mutated_lines_parse_exactly_when_System_Text_Json_parses_them_and_read_the_same()
    {
        // Given the documents with bytes inserted, deleted or replaced
        var random = new Random(20261207);
        var tape = new JsonTape();
        int parsed = 0, refused = 0;
        foreach (var document in Documents)
        {
            var original = Encoding.UTF8.GetBytes(document);
            for (var round = 0; round < 3000; round++)
            {
                var mutated = JsonMutations.Mutate(original, random);
                if (!System.Text.Unicode.Utf8.IsValid(mutated))
                {
                    continue;
                }

                JsonDocument? expected = null;
                try
                {
                    expected = JsonDocument.Parse(mutated, ItemJsonLimits.DocumentOptions);
                }
                catch (JsonException)
                {
                }

                // When the tape parses it, Then it fails as the document parser does, or reads the same values
                if (expected is null)
                {
                    Assert.ThrowsAny<JsonException>(() => tape.Parse(mutated));
                    refused++;
                    continue;
                }

                using (expected)
                {
                    tape.Parse(mutated);
                    AssertSame(expected.RootElement, tape.Root, Encoding.UTF8.GetString(mutated));
                    parsed++;
                }
            }
        }

        Assert.True(parsed > 1000, $"only {parsed} mutations parsed");
        Assert.True(refused > 1000, $"only {refused} mutations were refused");
    }

    [Fact]
    public void Nesting_is_limited_as_the_document_parser_limits_it()
    {
        var tape = new JsonTape();
        var deepest = Encoding.UTF8.GetBytes(new string('[', ItemJsonLimits.MaxDepth) + new string(']', ItemJsonLimits.MaxDepth));
        var tooDeep = Encoding.UTF8.GetBytes(new string('[', ItemJsonLimits.MaxDepth + 1) + new string(']', ItemJsonLimits.MaxDepth + 1));

        tape.Parse(deepest);
        Assert.Equal(JsonValueKind.Array, tape.Root.ValueKind);
        var error = Assert.ThrowsAny<JsonException>(() => tape.Parse(tooDeep));
        Assert.Contains("maximum configured depth of 1000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e-400")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-9223372036854775809")]
    public void Numbers_at_the_edges_read_as_JsonElement_reads_them(string number)
    {
        var utf8 = Encoding.UTF8.GetBytes(number);
        var tape = new JsonTape();
        tape.Parse(utf8);
        using var expected = JsonDocument.Parse(utf8);

        Assert.Equal(Outcome(() => expected.RootElement.GetDouble()), Outcome(() => tape.Root.GetDouble()));
        Assert.Equal(Outcome(() => expected.RootElement.TryGetInt64(out var value) ? value : (long?)null), Outcome(() => tape.Root.TryGetInt64(out var value) ? value : (long?)null));
    }

    [Fact]
    public void A_lone_escaped_surrogate_fails_as_JsonElement_fails()
    {
        var utf8 = Encoding.UTF8.GetBytes("\"\\ude00\"");
        var tape = new JsonTape();
        tape.Parse(utf8);
        using var expected = JsonDocument.Parse(utf8);

        Assert.Equal(Outcome(() => expected.RootElement.GetString()), Outcome(() => tape.Root.GetString()));
        Assert.StartsWith("threw InvalidOperationException", Outcome(() => tape.Root.GetString()), StringComparison.Ordinal);
    }

    /// <summary>A value's text, or the type of the exception reading it threw.</summary>
    private static string Outcome<T>(Func<T> read)
    {
        try
        {
            return $"read {read()}";
        }
        catch (Exception ex)
        {
            return $"threw {ex.GetType().Name}";
        }
    }

    private static void AssertSame(JsonElement expected, JsonTapeValue actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {actual.ValueKind} against {expected.ValueKind}");
        Assert.Equal(expected.GetRawText(), actual.GetRawText());
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToList();
                var actualProperties = new List<JsonTapeProperty>();
                foreach (var property in actual.EnumerateObject())
                {
                    actualProperties.Add(property);
                }

                Assert.Equal(expectedProperties.Count, actualProperties.Count);
                for (var i = 0; i < expectedProperties.Count; i++)
                {
                    Assert.Equal(Outcome(() => expectedProperties[i].Name), Outcome(() => actualProperties[i].Name));
                    Assert.Equal(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(expectedProperties[i]).ToArray(), actualProperties[i].RawName.ToArray());
                    AssertSame(expectedProperties[i].Value, actualProperties[i].Value, path + "." + expectedProperties[i].Name);
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                var index = 0;
                var expectedElements = expected.EnumerateArray().ToList();
                foreach (var element in actual.EnumerateArray())
                {
                    AssertSame(expectedElements[index], element, $"{path}[{index}]");
                    index++;
                }

                Assert.Equal(expectedElements.Count, index);
                break;
            case JsonValueKind.String:
                Assert.Equal(Outcome(() => expected.GetString()), Outcome(() => actual.GetString()));
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.TryGetInt64(out var expectedInteger), actual.TryGetInt64(out var actualInteger));
                Assert.Equal(expectedInteger, actualInteger);
                Assert.Equal(Outcome(() => BitConverter.DoubleToInt64Bits(expected.GetDouble())), Outcome(() => BitConverter.DoubleToInt64Bits(actual.GetDouble())));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean(), actual.GetBoolean());
                break;
        }

        Assert.Equal(expected.GetRawText(), actual.ToElement().GetRawText());
    }
}
