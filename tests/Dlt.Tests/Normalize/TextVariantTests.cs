using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>
/// Variant columns follow dlt 1.26's <c>_coerce_non_null_value</c> (dlt/normalize/items_normalizers/jsonl.py):
/// an existing variant column takes the value coerced from its own Python type, a new one gets the type
/// <c>_infer_column_type</c> detects.
/// </summary>
public sealed class TextVariantTests
{
    // dlt: py_type of a str is "text"; coerce_value("text", "text", v) returns v unchanged, so an ISO
    // timestamp string in an existing text variant is stored as given, not re-rendered.
    [Fact]
    public async Task An_iso_timestamp_string_in_an_existing_text_variant_keeps_its_text()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 1, "n": 1}""",
            """{"id": 2, "n": "plain"}""",
            """{"id": 3, "n": "2024-01-01T00:00:00Z"}""",
            """{"id": 4, "n": "2024-02-03T04:05:06.5+02:00"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("t", "n__v_text"));
        Assert.Equal(
            [null, "plain", "2024-01-01T00:00:00Z", "2024-02-03T04:05:06.5+02:00"],
            run.Rows("t").OrderBy(r => (long)r["id"]!).Select(r => r["n__v_text"]));
    }

    // dlt: a new variant column's type comes from _infer_column_type, whose iso_timestamp detection
    // makes the text variant of an ISO string a timestamp column.
    [Fact]
    public async Task A_new_variant_column_takes_the_type_detected_from_its_first_value()
    {
        // Given
        var resource = Json.Resource("t", """{"n": 1}""", """{"n": "2024-01-01T00:00:00Z"}""", """{"n": "2024-01-02T00:00:00Z"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("timestamp", run.DataType("t", "n__v_text"));
        Assert.Equal(2, run.Rows("t").Count(r => r["n__v_text"] is not null));
    }

    // dlt's wei is DECIMAL(38,0) at the destination: an integer of more digits cannot go into a wei
    // column, so it lands in the variant of its own type (a JSON number beyond 38 digits is a double).
    [Fact]
    public async Task Integers_beyond_38_digits_next_to_a_wei_column_go_to_variants()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 1, "w": 123456789012345678901234567}""",
            """{"id": 2, "w": 10000000000000000000000000000000000000000}""",
            """{"id": 3, "w": "1234567890123456789012345678901234567890"}""",
            """{"id": 4, "w": 99999999999999999999999999999999999999}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("wei", run.DataType("t", "w"));
        Assert.Equal("double", run.DataType("t", "w__v_double"));
        Assert.Equal("text", run.DataType("t", "w__v_text"));
        var rows = run.Rows("t").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(1e40, rows[1]["w__v_double"]);
        Assert.Null(rows[1]["w"]);
        Assert.Equal("1234567890123456789012345678901234567890", rows[2]["w__v_text"]);
        Assert.Null(rows[2]["w"]);
        Assert.Null(rows[3]["w__v_double"]);
    }
}
