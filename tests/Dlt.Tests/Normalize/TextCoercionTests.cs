using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>
/// Strings that arrive in an existing typed column are coerced as dlt 1.26's <c>coerce_value</c>
/// (<c>dlt/common/data_types/type_helpers.py</c>) does, or go to the column's text variant.
/// </summary>
public sealed class TextCoercionTests
{
    // dlt: _text_to_bigint strips the text and calls int(), which takes any Unicode decimal digits
    // and single underscores between digits; only a lower-case "0x" prefix reads hexadecimal.
    [Fact]
    public async Task Strings_become_bigint_by_pythons_int_rules()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 0, "n": 1}""",
            """{"id": 1, "n": "１２３"}""",
            """{"id": 2, "n": "-٤٢"}""",
            """{"id": 3, "n": "1_000_000"}""",
            """{"id": 4, "n": " +7 "}""",
            """{"id": 5, "n": "0x1f"}""",
            """{"id": 6, "n": "0X1f"}""",
            """{"id": 7, "n": "1__0"}""",
            """{"id": 8, "n": "_1"}""",
            """{"id": 9, "n": "1_"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var rows = run.Rows("t").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal([1L, 123L, -42L, 1_000_000L, 7L, 31L, null, null, null, null], rows.Select(r => r["n"]));
        Assert.Equal([null, null, null, null, null, null, "0X1f", "1__0", "_1", "1_"], rows.Select(r => r["n__v_text"]));
    }

    // dlt: _text_to_double calls float(), which takes the same digits and underscores and, in any case
    // and with a sign, inf, infinity and nan.
    [Fact]
    public async Task Strings_become_double_by_pythons_float_rules()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 0, "f": 1.5}""",
            """{"id": 1, "f": "-inf"}""",
            """{"id": 2, "f": "Infinity"}""",
            """{"id": 3, "f": "+INF"}""",
            """{"id": 4, "f": "nan"}""",
            """{"id": 5, "f": "1_000.25"}""",
            """{"id": 6, "f": "٣.٥e1"}""",
            """{"id": 7, "f": "0X10"}""",
            """{"id": 8, "f": "1._5"}""",
            """{"id": 9, "f": "∞"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var rows = run.Rows("t").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(
            [1.5, double.NegativeInfinity, double.PositiveInfinity, double.PositiveInfinity, double.NaN, 1000.25, 35.0, null, null, null],
            rows.Select(r => r["f"]));
        Assert.Equal([null, null, null, null, null, null, null, "0X10", "1._5", "∞"], rows.Select(r => r["f__v_text"]));
    }

    // dlt: ensure_pendulum_datetime_non_utc tries ISO 8601 (week and ordinal dates included), then
    // _datetime_from_ts_or_iso reads the text with float() as unix seconds.
    [Fact]
    public async Task Strings_become_timestamps_from_iso_forms_and_from_unix_seconds()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 0, "ts": "2024-01-01T00:00:00Z"}""",
            """{"id": 1, "ts": "1700000000"}""",
            """{"id": 2, "ts": "1700000000.5"}""",
            """{"id": 3, "ts": "2024-W01-2"}""",
            """{"id": 4, "ts": "2024-032"}""",
            """{"id": 5, "ts": "not a time"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var rows = run.Rows("t").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(
            [
                new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc),
                new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc),
                new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc),
                null,
            ],
            rows.Select(r => r["ts"] as DateTime?));
        Assert.Equal("not a time", rows[5]["ts__v_text"]);
    }

    // dlt: _text_to_date_fast reads ISO dates, week and ordinal forms included, into a date column.
    [Fact]
    public async Task Iso_week_and_ordinal_date_strings_go_into_a_date_column()
    {
        // Given
        var rows = new[]
        {
            new Dictionary<string, object?> { ["id"] = 0, ["d"] = new DateOnly(2024, 1, 1) },
            new Dictionary<string, object?> { ["id"] = 1, ["d"] = "2024-W01-2" },
            new Dictionary<string, object?> { ["id"] = 2, ["d"] = "2024W017" },
            new Dictionary<string, object?> { ["id"] = 3, ["d"] = "2024-060" },
        };

        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("t", rows));

        // Then
        Assert.Equal("date", run.DataType("t", "d"));
        Assert.Equal(
            [new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 7), new DateOnly(2024, 2, 29)],
            run.Rows("t").OrderBy(r => (long)r["id"]!).Select(r => r["d"]));
    }

    // dlt: coerce_value("text", "decimal", v) writes str(Decimal): scale kept, exponent form below 1E-6.
    [Fact]
    public async Task Decimals_in_a_text_column_are_written_as_python_writes_them()
    {
        // Given a text column, then two decimals
        var rows = new[]
        {
            new Dictionary<string, object?> { ["id"] = 0, ["v"] = "text first" },
            new Dictionary<string, object?> { ["id"] = 1, ["v"] = 0.0000002m },
            new Dictionary<string, object?> { ["id"] = 2, ["v"] = 3.140m },
        };

        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("t", rows));

        // Then
        Assert.Equal("text", run.DataType("t", "v"));
        Assert.Equal(["text first", "2E-7", "3.140"], run.Rows("t").OrderBy(r => (long)r["id"]!).Select(r => r["v"]));
    }
}
