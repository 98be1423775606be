using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

/// <summary>dlt's coercion table, value by value (reference §4.5): what converts into an existing column type and what fails.</summary>
public sealed class CoercionTests
{
    private static readonly DateTime s_noon = new(2024, 5, 6, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("-12", -12L)]
    [InlineData(" 7 ", 7L)]
    [InlineData("0x1F", 31L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Text_that_is_an_integer_literal_coerces_to_bigint(string text, long expected)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.BigInt, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(DataType.BigInt, result.Type);
        Assert.Equal(expected, result.Int);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("9223372036854775808")]
    [InlineData("0xZZ")]
    public void Text_that_is_not_an_integer_in_range_does_not_coerce_to_bigint(string text)
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.BigInt, out _));
    }

    [Theory]
    [InlineData(1.0, true, 1L)]
    [InlineData(-3.0, true, -3L)]
    [InlineData(1.5, false, 0L)]
    [InlineData(1e20, false, 0L)]
    [InlineData(double.NaN, false, 0L)]
    public void A_double_coerces_to_bigint_only_when_integral_and_in_range(double value, bool expectedOk, long expected)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfDouble(value), DataType.BigInt, out var result);

        // Then
        Assert.Equal(expectedOk, ok);
        if (ok)
        {
            Assert.Equal(expected, result.Int);
        }
    }

    [Theory]
    [InlineData(DataType.Decimal, "42", true, 42L)]
    [InlineData(DataType.Decimal, "42.5", false, 0L)]
    [InlineData(DataType.Wei, "1000", true, 1000L)]
    [InlineData(DataType.Wei, "100000000000000000000", false, 0L)]
    public void Decimal_and_wei_coerce_to_bigint_only_when_integral_and_in_range(DataType from, string value, bool expectedOk, long expected)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfText(from, value), DataType.BigInt, out var result);

        // Then
        Assert.Equal(expectedOk, ok);
        if (ok)
        {
            Assert.Equal(expected, result.Int);
        }
    }

    [Fact]
    public void Bools_timestamps_and_json_do_not_coerce_to_bigint()
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfBool(true), DataType.BigInt, out _));
        Assert.False(Coercion.TryCoerce(Cell.OfTimestamp(s_noon), DataType.BigInt, out _));
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Json, "[1]"), DataType.BigInt, out _));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("t", true)]
    [InlineData("Y", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("False", false)]
    [InlineData("f", false)]
    [InlineData("N", false)]
    [InlineData("0", false)]
    public void Text_forms_of_bool_coerce_to_bool(string text, bool expected)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Bool, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(DataType.Bool, result.Type);
        Assert.Equal(expected, result.AsBool);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("")]
    public void Other_text_does_not_coerce_to_bool(string text)
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Bool, out _));
    }

    [Fact]
    public void Numbers_coerce_to_bool_by_being_non_zero()
    {
        // Given / When / Then
        Assert.True(Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 0), DataType.Bool, out var zero));
        Assert.False(zero.AsBool);
        Assert.True(Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 2), DataType.Bool, out var two));
        Assert.True(two.AsBool);
        Assert.True(Coercion.TryCoerce(Cell.OfDouble(0.5), DataType.Bool, out var half));
        Assert.True(half.AsBool);
    }

    [Fact]
    public void Values_coerce_to_their_python_string_form_in_text_columns()
    {
        // Given / When / Then
        Assert.Equal("5", ToText(Cell.OfInt(DataType.BigInt, 5)));
        Assert.Equal("1.5", ToText(Cell.OfDouble(1.5)));
        Assert.Equal("1.0", ToText(Cell.OfDouble(1.0)));
        Assert.Equal("True", ToText(Cell.OfBool(true)));
        Assert.Equal("False", ToText(Cell.OfBool(false)));
        Assert.Equal("12.50", ToText(Cell.OfText(DataType.Decimal, "12.50")));
        Assert.Equal("""{"a": 1}""", ToText(Cell.OfText(DataType.Json, """{"a": 1}""")));
        Assert.Equal("2024-05-06", ToText(Cell.OfDate(new DateOnly(2024, 5, 6))));
        Assert.Equal("2024-05-06 12:00:00+00:00", ToText(Cell.OfTimestamp(s_noon)));
        Assert.Equal("07:08:09", ToText(Cell.OfTime(new TimeOnly(7, 8, 9))));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2", -2.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("0x10", 16.0)]
    public void Text_that_is_a_number_coerces_to_double(string text, double expected)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Double, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(expected, result.Float);
    }

    [Fact]
    public void Text_that_is_not_a_number_does_not_coerce_to_double()
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, "abc"), DataType.Double, out _));
    }

    [Fact]
    public void Integers_coerce_to_double()
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 3), DataType.Double, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(3.0, result.Float);
    }

    [Theory]
    [InlineData(1700000000L, "2023-11-14T22:13:20")]
    [InlineData(0L, "1970-01-01T00:00:00")]
    [InlineData(-86400L, "1969-12-31T00:00:00")]
    public void Unix_seconds_coerce_to_timestamp(long seconds, string expectedUtc)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, seconds), DataType.Timestamp, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), result.AsTimestamp);
        Assert.Equal(DateTimeKind.Utc, result.AsTimestamp.Kind);
    }

    [Fact]
    public void Fractional_unix_seconds_coerce_to_timestamp_with_microseconds()
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfDouble(1700000000.25), DataType.Timestamp, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 250, DateTimeKind.Utc), result.AsTimestamp);
    }

    [Fact]
    public void Unix_seconds_beyond_year_9999_do_not_coerce_to_timestamp()
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfDouble(1e20), DataType.Timestamp, out _));
    }

    [Fact]
    public void An_iso_datetime_text_coerces_to_timestamp()
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfText(DataType.Text, "2024-05-06T12:00:00+00:00"), DataType.Timestamp, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(s_noon, result.AsTimestamp);
    }

    [Fact]
    public void A_date_coerces_to_a_timestamp_at_midnight()
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfDate(new DateOnly(2024, 5, 6)), DataType.Timestamp, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc), result.AsTimestamp);
    }

    [Fact]
    public void Text_that_is_not_a_datetime_does_not_coerce_to_timestamp()
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, "yesterday"), DataType.Timestamp, out _));
    }

    [Fact]
    public void Dates_come_from_text_and_timestamps()
    {
        // Given / When / Then
        Assert.True(Coercion.TryCoerce(Cell.OfText(DataType.Text, "2024-05-06"), DataType.Date, out var fromText));
        Assert.Equal(new DateOnly(2024, 5, 6), fromText.AsDate);
        Assert.True(Coercion.TryCoerce(Cell.OfTimestamp(s_noon), DataType.Date, out var fromTimestamp));
        Assert.Equal(new DateOnly(2024, 5, 6), fromTimestamp.AsDate);
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, "not a date"), DataType.Date, out _));
    }

    [Fact]
    public void Times_come_from_text_only()
    {
        // Given / When / Then
        Assert.True(Coercion.TryCoerce(Cell.OfText(DataType.Text, "07:08:09"), DataType.Time, out var time));
        Assert.Equal(new TimeOnly(7, 8, 9), time.AsTime);
        Assert.False(Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 5), DataType.Time, out _));
    }

    [Fact]
    public void Json_comes_from_text_that_parses_as_json()
    {
        // Given / When / Then
        Assert.True(Coercion.TryCoerce(Cell.OfText(DataType.Text, """{"a": [1]}"""), DataType.Json, out var json));
        Assert.Equal(DataType.Json, json.Type);
        Assert.Equal("""{"a": [1]}""", json.Text);
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, "not json"), DataType.Json, out _));
        Assert.False(Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 1), DataType.Json, out _));
    }

    [Theory]
    [InlineData("0x0102ff", new byte[] { 1, 2, 255 })]
    [InlineData("AQL/", new byte[] { 1, 2, 255 })]
    public void Hex_and_base64_text_coerce_to_binary(string text, byte[] expected)
    {
        // Given / When
        var ok = Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Binary, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal(expected, result.Bytes);
    }

    [Theory]
    [InlineData("0xZZ")]
    [InlineData("not base64!")]
    public void Other_text_does_not_coerce_to_binary(string text)
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Binary, out _));
    }

    [Fact]
    public void Numbers_coerce_to_decimal_and_text_that_is_not_a_number_does_not()
    {
        // Given / When / Then
        Assert.True(Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 5), DataType.Decimal, out var fromInt));
        Assert.Equal("5", fromInt.Text);
        Assert.True(Coercion.TryCoerce(Cell.OfText(DataType.Text, "12.5"), DataType.Decimal, out var fromText));
        Assert.Equal(12.5m, decimal.Parse(fromText.Text!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, "abc"), DataType.Decimal, out _));
    }

    [Fact]
    public void Integers_coerce_to_wei_and_fractions_do_not()
    {
        // Given / When / Then
        Assert.True(Coercion.TryCoerce(Cell.OfText(DataType.Text, "123456789012345678901234567890"), DataType.Wei, out var wei));
        Assert.Equal("123456789012345678901234567890", wei.Text);
        Assert.True(Coercion.TryCoerce(Cell.OfInt(DataType.BigInt, 7), DataType.Wei, out var fromInt));
        Assert.Equal("7", fromInt.Text);
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, "1.5"), DataType.Wei, out _));
        Assert.False(Coercion.TryCoerce(Cell.OfDouble(1.5), DataType.Wei, out _));
    }

    [Fact]
    public void A_value_of_the_target_type_is_returned_unchanged()
    {
        // Given
        var value = Cell.OfText(DataType.Text, "same");

        // When
        var ok = Coercion.TryCoerce(value, DataType.Text, out var result);

        // Then
        Assert.True(ok);
        Assert.Equal("same", result.Text);
    }

    // dlt: coerce_value("text", "decimal", v) is _text_fallback, str(custom_encode(v)), which is str(Decimal):
    // digits and exponent as given, the exponent form past exponent 0 or below an adjusted exponent of -6.
    [Theory]
    [InlineData("3.140", "3.140")]
    [InlineData("-0.00", "-0.00")]
    [InlineData("0.000002", "0.000002")]
    [InlineData("0.0000002", "2E-7")]
    [InlineData("0.00000020", "2.0E-7")]
    [InlineData("-0.000000456", "-4.56E-7")]
    [InlineData("0.00000000", "0E-8")]
    [InlineData("7E+3", "7E+3")]
    [InlineData("2.500E+4", "2.500E+4")]
    [InlineData("98765.4321", "98765.4321")]
    public void A_decimal_coerces_to_text_as_python_writes_the_decimal(string value, string expected)
    {
        // Given / When / Then
        Assert.Equal(expected, ToText(Cell.OfText(DataType.Decimal, value)));
    }

    // dlt: coerce_value("date", "text", v) is _text_to_date_fast: date.fromisoformat (YYYYMMDD too), else
    // ensure_pendulum_date, which parses as a timestamp (float() as unix seconds last) and takes the UTC date.
    [Theory]
    [InlineData("20230704", 2023, 7, 4)]
    [InlineData("1688428800", 2023, 7, 4)]
    [InlineData("1688515199.75", 2023, 7, 4)]
    [InlineData(" 1688428800 ", 2023, 7, 4)]
    [InlineData("2023-07-04T22:30:00-03:00", 2023, 7, 5)]
    public void Text_of_digits_coerces_to_a_date_as_an_iso_date_or_unix_seconds(string text, int year, int month, int day)
    {
        // Given / When
        Assert.True(Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Date, out var date));

        // Then
        Assert.Equal(new DateOnly(year, month, day), date.AsDate);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("99999999999999")]
    [InlineData("July 4th")]
    [InlineData("0x64A36100")]
    public void Text_that_is_no_date_nor_unix_seconds_in_range_does_not_coerce_to_a_date(string text)
    {
        // Given / When / Then
        Assert.False(Coercion.TryCoerce(Cell.OfText(DataType.Text, text), DataType.Date, out _));
    }

    private static string? ToText(Cell value) =>
        Coercion.TryCoerce(value, DataType.Text, out var result) ? result.Text : null;
}
