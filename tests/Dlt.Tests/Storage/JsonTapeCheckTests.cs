using System.Text;
using System.Text.Json;
using Dlt.Storage;
using Dlt.Tests.Support;

namespace Dlt.Tests.Storage;

public sealed class JsonTapeCheckTests
{
    [Theory]
    [InlineData("""{"a": 1, "b": -0.5e+10, "c": "x", "d": true, "e": false, "f": null, "g": [], "h": {}, "i": [1, [2, {"j": "k"}]]}""")]
    [InlineData("""{"escapes": "\" \\ \/ \b \f \n \r \t \u00e9 \uFFFF", "unicode": "Zürich 東京", "Customer ID": 0}""")]
    [InlineData("""{"n": [0, -0, 10, 1.25, 1E5, 1e-5, 12345678901234567890123456789]}""")]
    [InlineData(" \t{\"a\":[ ]} \t")]
    [InlineData("123")]
    [InlineData("\"a string\"")]
    [InlineData("[null]")]
    public void Well_formed_json_passes_and_the_reader_agrees(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        var tape = new JsonTape();
        Assert.True(tape.TryCheck(utf8));
        var (lineBreak, mayHaveMarker) = (tape.LineBreak, tape.MayHaveMarker);
        Assert.True(ReaderAccepts(utf8));
        Assert.False(lineBreak);
        Assert.False(mayHaveMarker);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("[1, 2,]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1 \"b\": 2}")]
    [InlineData("{a: 1}")]
    [InlineData("{'a': 1}")]
    [InlineData("{\"a\": 01}")]
    [InlineData("{\"a\": 1.}")]
    [InlineData("{\"a\": .5}")]
    [InlineData("{\"a\": -}")]
    [InlineData("{\"a\": +1}")]
    [InlineData("{\"a\": 1e}")]
    [InlineData("{\"a\": 1e+}")]
    [InlineData("{\"a\": NaN}")]
    [InlineData("{\"a\": tru}")]
    [InlineData("{\"a\": nulls}")]
    [InlineData("{\"a\": 1x}")]
    [InlineData("{\"a\": \"b}")]
    [InlineData("{\"a\": \"\\x\"}")]
    [InlineData("{\"a\": \"\\u12g4\"}")]
    [InlineData("{\"a\": \"\\u123\"}")]
    [InlineData("{\"a\": \"tab\there\"}")]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    [InlineData("{\"a\": 1}]")]
    [InlineData("[1}")]
    [InlineData("{\"a\": [1]]}")]
    [InlineData("{\"a\": 1} // comment")]
    [InlineData("\uFEFF{\"a\": 1}")]
    public void Malformed_json_never_passes(string json)
    {
        Assert.False(new JsonTape().TryCheck(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{\"a\":\n1}", true, false)]
    [InlineData("{\"a\": 1}\r", true, false)]
    [InlineData("{\"a\": \"\\n\"}", false, false)]
    [InlineData("{\"a\": \"\uF026x\"}", false, true)]
    [InlineData("{\"\uF02Ekey\": 1}", false, true)]
    [InlineData("{\"a\": \"\\uf026x\"}", false, true)]
    [InlineData("{\"a\": \"\\uF02Ax\"}", false, true)]
    [InlineData("{\"a\": \"\uF025 \uF02F\"}", false, false)]
    [InlineData("{\"a\": \"\\\\uf026\"}", false, false)]
    public void The_check_tells_line_breaks_and_typed_value_markers(string json, bool expectedLineBreak, bool expectedMarker)
    {
        var tape = new JsonTape();
        Assert.True(tape.TryCheck(Encoding.UTF8.GetBytes(json)));
        var (lineBreak, mayHaveMarker) = (tape.LineBreak, tape.MayHaveMarker);
        Assert.Equal(expectedLineBreak, lineBreak);
        Assert.Equal(expectedMarker, mayHaveMarker);
    }

    [Theory]
    [InlineData("\"\"", true)]
    [InlineData("\"alpha\"", true)]
    [InlineData("\"café 日本語 ＡＢＣ \uF025\uF02F\"", true)]
    [InlineData("\"a lead byte that starts no marker \uF000\"", true)]
    [InlineData("\"quote\\\"d\"", false)]
    [InlineData("\"\\u0061\"", false)]
    [InlineData("\"\\uf026x\"", false)]
    [InlineData("\"\uF026verbatim\"", false)]
    [InlineData("\"x\uF02E\"", false)]
    [InlineData("12", false)]
    public void A_plain_string_has_no_escape_and_no_marker(string json, bool expected)
    {
        var tape = new JsonTape();
        tape.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, tape.Root.IsPlainString);
    }

    [Fact]
    public void Strings_are_scanned_alike_wherever_their_special_bytes_lie()
    {
        // Given strings of up to 40 plain bytes with one special byte or sequence at every position: escapes, a
        // control character, a typed-value marker, a lead byte that starts no marker, other non-ASCII text
        string[] specials = ["\\\"", "\\n", "\\u0041", "\u0001", "\u001f", "\uF026", "\uF000", "é", "東"];
        var tape = new JsonTape();
        var checkedStrings = 0;
        for (var length = 0; length <= 40; length++)
        {
            for (var at = 0; at <= length; at++)
            {
                foreach (var special in specials)
                {
                    var text = new string('a', at) + special + new string('b', length - at);

                    // When the string is a property's value, and when it is the whole document (so it ends the input)
                    var inObject = Encoding.UTF8.GetBytes($"{{\"key\": \"{text}\", \"next\": 1}}");
                    var alone = Encoding.UTF8.GetBytes($"\"{text}\"");

                    // Then the tape accepts what the reader accepts, and reads the same text with the same flags
                    foreach (var json in new[] { inObject, alone })
                    {
                        var accepted = ReaderAccepts(json);
                        Assert.True(accepted == tape.TryCheck(json), $"the reader and the tape disagree on: {Encoding.UTF8.GetString(json)}");
                        if (accepted)
                        {
                            Assert.Equal(special == "\uF026", tape.MayHaveMarker);
                        }
                    }

                    if (ReaderAccepts(alone))
                    {
                        tape.Parse(alone);
                        var reader = new Utf8JsonReader(alone);
                        reader.Read();
                        Assert.Equal(reader.GetString(), tape.Root.GetString());
                        Assert.Equal(special is "\uF000" or "é" or "東", tape.Root.IsPlainString);
                        checkedStrings++;
                    }
                }
            }
        }

        Assert.True(checkedStrings > 5000, $"only {checkedStrings} strings were read");
    }

    [Fact]
    public void Mutated_documents_pass_exactly_when_the_reader_accepts_them()
    {
        // Given well-formed API-shaped records, and many copies of them with bytes inserted, deleted or replaced
        string[] documents =
        [
            """{"id": 12, "Customer ID": "c-1", "at": "2024-01-02T03:04:05.123456+02:00", "amount": -12.50e-1, "tags": ["a", "b"], "user": {"name": "Zoë", "flags": [true, false, null]}}""",
            """{"items": [{"sku": "x\"y", "qty": 0, "dims": [[1, 2], [3.5]]}], "note": "tab\tfree \u00e9", "empty": {}, "none": []}""",
            """{"a": {"b": {"c": {"d": [0, 1e9, -0.0]}}}, "with.dot": "\/", "camelCase": 1234567890123}""",
        ];
        var random = new Random(20261206);
        var tape = new JsonTape();
        int proven = 0, refused = 0;

        // When each is scanned, Then the reader accepts every one the pass proves
        foreach (var document in documents)
        {
            var original = Encoding.UTF8.GetBytes(document);
            Assert.True(tape.TryCheck(original));
            for (var round = 0; round < 4000; round++)
            {
                var mutated = JsonMutations.Mutate(original, random);
                if (!System.Text.Unicode.Utf8.IsValid(mutated))
                {
                    continue;
                }

                var readerAccepts = ReaderAccepts(mutated);
                Assert.True(readerAccepts == tape.TryCheck(mutated), $"the reader and the tape disagree on: {Encoding.UTF8.GetString(mutated)}");
                if (readerAccepts)
                {
                    Assert.Equal(mutated.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') >= 0, tape.LineBreak);
                    proven++;
                }
                else
                {
                    refused++;
                }
            }
        }

        // And both outcomes were exercised
        Assert.True(proven > 1000, $"only {proven} mutations passed");
        Assert.True(refused > 1000, $"only {refused} mutations were refused");
    }

    [Fact]
    public async Task A_raw_item_with_an_escaped_surrogate_pair_loads()
    {
        // Given a raw item with an escaped surrogate pair between two plain ones
        string[] lines = ["""{"id": 1}""", """{"id": 2, "emoji": "\ud83d\ude00"}""", """{"id": 3}"""];

        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("items", lines.Select(RawJson.FromString)));

        // Then
        Assert.Equal([1L, 2L, 3L], run.Rows("items").Select(r => r["id"]));
        Assert.Equal("\U0001F600", run.Rows("items").Single(r => (long)r["id"]! == 2)["emoji"]);
    }

    private static bool ReaderAccepts(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, ItemJsonLimits.ReaderOptions);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
