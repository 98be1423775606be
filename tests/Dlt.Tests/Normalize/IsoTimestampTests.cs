using System.Globalization;
using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

// Expectations follow pendulum 3's Rust parse_iso8601 and its _parse_common fallback, as dlt's
// iso_timestamp detector (parse_iso_like_datetime) uses them.
public sealed class IsoTimestampTests
{
    private static DateTime Utc(string roundTrip) =>
        DateTime.ParseExact(roundTrip, "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [Theory]
    [InlineData("2021-10-13T13:49:32.901899+00:00", "2021-10-13T13:49:32.901899")]
    [InlineData("2021-10-13T13:49:32Z", "2021-10-13T13:49:32.000000")]
    [InlineData("2021-10-13 13:49:32", "2021-10-13T13:49:32.000000")]
    [InlineData("2021-10-13T13:49", "2021-10-13T13:49:00.000000")]
    [InlineData("2021-10-13T13", "2021-10-13T13:00:00.000000")]
    [InlineData("2021-10-13T13Z", "2021-10-13T13:00:00.000000")]
    [InlineData("2021-10-13T13:49Z", "2021-10-13T13:49:00.000000")]
    public void Parses_extended_dates_with_times(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("2021-10-13T13:49:32.9", "2021-10-13T13:49:32.900000")]
    [InlineData("2021-10-13T13:49:32,5", "2021-10-13T13:49:32.500000")]
    [InlineData("2021-10-13T13:49:32.123456789", "2021-10-13T13:49:32.123456")]
    [InlineData("2021-10-13T13:49:32.1234569999999", "2021-10-13T13:49:32.123456")]
    [InlineData("2021-10-13T13:49:32.000001Z", "2021-10-13T13:49:32.000001")]
    public void Keeps_fractions_to_the_microsecond_without_rounding(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("2021-10-13T13:49:32+02:00", "2021-10-13T11:49:32.000000")]
    [InlineData("2021-10-13T13:49:32+0200", "2021-10-13T11:49:32.000000")]
    [InlineData("2021-10-13T13:49:32+02", "2021-10-13T11:49:32.000000")]
    [InlineData("2021-10-13T00:30:00-05:30", "2021-10-13T06:00:00.000000")]
    [InlineData("2021-10-13T23:30:00-01:00", "2021-10-14T00:30:00.000000")]
    [InlineData("2021-10-13T13:49:32.5+23:59", "2021-10-12T13:50:32.500000")]
    public void Converts_offsets_to_utc(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("20211013T134932", "2021-10-13T13:49:32.000000")]
    [InlineData("20211013T1349", "2021-10-13T13:49:00.000000")]
    [InlineData("20211013 134932Z", "2021-10-13T13:49:32.000000")]
    [InlineData("20211013T134932.25+0100", "2021-10-13T12:49:32.250000")]
    [InlineData("20211013T13:49", "2021-10-13T13:49:00.000000")]
    public void Parses_basic_dates_with_times(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("2021-10T10:00", "2021-10-01T10:00:00.000000")]
    [InlineData("2021-286T10:00", "2021-10-13T10:00:00.000000")]
    [InlineData("2021286T1000", "2021-10-13T10:00:00.000000")]
    [InlineData("2021-031T10:00", "2021-01-31T10:00:00.000000")]
    [InlineData("2020-366T10:00", "2020-12-31T10:00:00.000000")]
    [InlineData("2021-W41-3T10:00", "2021-10-13T10:00:00.000000")]
    [InlineData("2021-W41T10:00", "2021-10-11T10:00:00.000000")]
    [InlineData("2021W413T1000", "2021-10-13T10:00:00.000000")]
    [InlineData("2021-W04-7T10:00", "2021-01-31T10:00:00.000000")]
    [InlineData("2020-W53-7 10:00", "2021-01-03T10:00:00.000000")]
    public void Parses_month_ordinal_and_week_dates_with_times(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("2021-W00-1T10:00", "2020-12-28T10:00:00.000000")]
    [InlineData("2021-W01-0T10:00", "2021-01-03T10:00:00.000000")]
    [InlineData("2021-10-13T13:49:32+05:", "2021-10-13T08:49:32.000000")]
    public void Follows_pendulum_on_lenient_corners(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("2021/10/13 13:49", "2021-10-13T13:49:00.000000")]
    [InlineData("2021:10:13 13:49:32.5", "2021-10-13T13:49:32.500000")]
    [InlineData("2021/10/1313:49", "2021-10-13T13:49:00.000000")]
    [InlineData("2021101313:49", "2021-10-13T13:49:00.000000")]
    [InlineData("2021 13:49", "2021-01-01T13:49:00.000000")]
    [InlineData("2021/10/13 1:5", "2021-10-13T01:05:00.000000")]
    [InlineData("2021/10/13 13:49|25", "2021-10-13T13:49:00.250000")]
    [InlineData("2021/10/13 13:49:32.123456789", "2021-10-13T13:49:32.123456")]
    [InlineData("\uFF12\uFF10\uFF12\uFF11/10/13 13:49", "2021-10-13T13:49:00.000000")]
    public void Parses_pendulums_common_formats_as_a_fallback(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(Utc(expected), utc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2021-10-13")]
    [InlineData("20211013")]
    [InlineData("2021-286")]
    [InlineData("2021-W41-3")]
    [InlineData("2021/10/13")]
    [InlineData("2021")]
    public void Does_not_take_a_date_alone_as_a_timestamp(string text)
    {
        Assert.False(IsoTimestamp.TryParseDateTime(text, out _));
    }

    [Theory]
    [InlineData("13:49:32")]
    [InlineData("13:49")]
    [InlineData("T13:49:32")]
    [InlineData("T1349")]
    [InlineData("P1D")]
    [InlineData("PT1H")]
    public void Does_not_take_a_time_or_a_duration_as_a_timestamp(string text)
    {
        Assert.False(IsoTimestamp.TryParseDateTime(text, out _));
    }

    [Theory]
    [InlineData("2021-10-13T")]
    [InlineData("2021-10-13t13:49")]
    [InlineData("2021-10-13T13:49:32z")]
    [InlineData("2021-10-13T13:49:32 ")]
    [InlineData(" 2021-10-13T13:49:32")]
    [InlineData("2021-10-13T13:49:32Zgarbage")]
    [InlineData("2021-10-13T13:49:32.")]
    [InlineData("2021-10-13T13:49.5")]
    [InlineData("2021-10-13T13:49:32+5")]
    [InlineData("2021-10-13T13:49:32+05:3")]
    [InlineData("2021-10-13T13:49:32+05:30:00")]
    [InlineData("2021-10-13 13:49:32\n")]
    [InlineData("2021-10-13T10:00/2021-10-14T10:00")]
    [InlineData("2021/10/13T13:49")]
    [InlineData("2021/10/13 13:")]
    [InlineData("hello")]
    [InlineData("12345")]
    [InlineData("1.5")]
    public void Rejects_malformed_text(string text)
    {
        Assert.False(IsoTimestamp.TryParseDateTime(text, out _));
    }

    [Theory]
    [InlineData("2021-10-13T1349")]
    [InlineData("2021-10-13T134932")]
    [InlineData("20211013T13:49:32")]
    public void Rejects_mixing_basic_and_extended_formats(string text)
    {
        Assert.False(IsoTimestamp.TryParseDateTime(text, out _));
    }

    [Theory]
    [InlineData("2021-10-13T24:00:00")]
    [InlineData("2021-10-13T24:00")]
    [InlineData("2021/10/13 24:00")]
    [InlineData("2021-10-13T13:60")]
    [InlineData("2021-10-13T13:49:60")]
    [InlineData("2021-02-30T10:00")]
    [InlineData("2021/02/30 10:00")]
    [InlineData("2021-13-01T00:00")]
    [InlineData("2021-00-01T00:00")]
    [InlineData("0000-01-01T00:00")]
    [InlineData("2021-000T10:00")]
    [InlineData("2021-366T10:00")]
    [InlineData("2021-W54-1T10:00")]
    [InlineData("2021-W53-1T10:00")]
    [InlineData("2021-W01-8T10:00")]
    [InlineData("2021-10-13T13:49:32+24:00")]
    [InlineData("2021-10-13T13:49:32-24:00")]
    [InlineData("2021-10-13T13:49:32+25:00")]
    [InlineData("0001-01-01T00:30+01:00")]
    [InlineData("9999-12-31T23:30-01:00")]
    public void Rejects_values_outside_the_calendar_or_clock(string text)
    {
        Assert.False(IsoTimestamp.TryParseDateTime(text, out _));
    }

    [Theory]
    [InlineData("202110:00")]
    [InlineData("202110:10")]
    public void Reads_the_fallback_regex_with_pythons_backtracking_order(string text)
    {
        // The regex takes "10:10" as month and day, not as a time, so the result is a date.
        Assert.False(IsoTimestamp.TryParseDateTime(text, out _));
    }

    [Fact]
    public void Writes_microseconds_when_present()
    {
        DateTime value = Utc("2021-10-13T13:49:32.901899");

        Assert.Equal("2021-10-13T13:49:32.901899+00:00", IsoTimestamp.Format(value));
    }

    [Fact]
    public void Omits_microseconds_when_zero()
    {
        DateTime value = new(2023, 4, 7, 5, 44, 13, DateTimeKind.Utc);

        Assert.Equal("2023-04-07T05:44:13+00:00", IsoTimestamp.Format(value));
    }

    [Fact]
    public void Drops_ticks_below_the_microsecond_when_writing()
    {
        DateTime value = new DateTime(2023, 4, 7, 5, 44, 13, DateTimeKind.Utc).AddTicks(9);

        Assert.Equal("2023-04-07T05:44:13+00:00", IsoTimestamp.Format(value));
    }

    [Fact]
    public void Pads_small_years_and_fractions()
    {
        DateTime value = new DateTime(1, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(70);

        Assert.Equal("0001-02-03T04:05:06.000007+00:00", IsoTimestamp.Format(value));
    }

    [Theory]
    [InlineData("2021-10-13T13:49:32.901899+00:00")]
    [InlineData("2023-04-07T05:44:13+00:00")]
    [InlineData("9999-12-31T23:59:59.999999+00:00")]
    public void Reads_back_what_it_writes(string text)
    {
        Assert.True(IsoTimestamp.TryParseDateTime(text, out DateTime utc));
        Assert.Equal(text, IsoTimestamp.Format(utc));
    }
}
