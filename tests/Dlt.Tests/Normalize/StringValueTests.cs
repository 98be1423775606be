using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>
/// Strings written into existing text and timestamp columns: plain ones are copied as UTF-8, the
/// rest (escapes, typed-value markers, text that is no timestamp) take the general path; both give
/// the values a user expects.
/// </summary>
public sealed class StringValueTests
{
    [Fact]
    public async Task Text_values_keep_escapes_unicode_and_empty_strings()
    {
        // Given a text column created by the first row, then strings of every kind
        var resource = Json.Resource(
            "t",
            """{"s": "first"}""",
            """{"s": "quote \" and \\ backslash"}""",
            """{"s": "\u017c\u00f3\u0142w \ud83d\udc22"}""",
            """{"s": "żółw 🐢"}""",
            """{"s": ""}""",
            """{"s": null}""",
            """{"s": "tab\tnew\nline"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(
            ["first", "quote \" and \\ backslash", "żółw 🐢", "żółw 🐢", "", null, "tab\tnew\nline"],
            run.Rows("t").Select(r => r["s"]));
    }

    [Fact]
    public async Task A_user_string_that_starts_like_a_typed_value_is_kept_verbatim_in_a_text_column()
    {
        // Given
        var resource = Json.Resource("t", """{"s": "a"}""", "{\"s\": \"\uF026 12.5\"}");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("t", "s"));
        Assert.Equal(["a", "\uF026 12.5"], run.Rows("t").Select(r => r["s"]));
    }

    [Fact]
    public async Task Strings_in_a_timestamp_column_are_parsed_or_go_to_a_text_variant()
    {
        // Given a timestamp column, then an ISO string with an offset, one with escapes, and text that is no timestamp
        var resource = Json.Resource(
            "t",
            """{"at": "2024-03-01T10:00:00Z"}""",
            """{"at": "2024-03-01T12:30:00+02:00"}""",
            """{"at": "2024-03-01T10:00:00\u005a"}""",
            """{"at": "not a date"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("timestamp", run.DataType("t", "at"));
        Assert.Equal("text", run.DataType("t", "at__v_text"));
        var rows = run.Rows("t");
        var expected = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal([expected, expected.AddMinutes(30), expected, null], rows.Select(r => r["at"] is DateTimeOffset o ? o.UtcDateTime : r["at"]));
        Assert.Equal([null, null, null, "not a date"], rows.Select(r => r["at__v_text"]));
    }
}
