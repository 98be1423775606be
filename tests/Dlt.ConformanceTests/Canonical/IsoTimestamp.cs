using System.Globalization;

namespace Dlt.ConformanceTests.Canonical;

/// <summary>Python's <c>datetime.isoformat()</c> of UTC values: <c>2021-10-13T13:49:32.901899+00:00</c>, microseconds only when non-zero.</summary>
internal static class IsoTimestamp
{
    public static string FromUnixMicroseconds(long microseconds) =>
        Format(DateTime.UnixEpoch.AddTicks(microseconds * (TimeSpan.TicksPerMillisecond / 1000)));

    public static string Format(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(utc.Ticks) + "+00:00";

    /// <summary>Python's <c>time.isoformat()</c>: <c>13:49:32</c> or <c>13:49:32.901899</c>.</summary>
    public static string Format(TimeOnly time) =>
        time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(time.Ticks);

    private static string Fraction(long ticks)
    {
        var microseconds = ticks % TimeSpan.TicksPerSecond / (TimeSpan.TicksPerMillisecond / 1000);
        return microseconds == 0 ? "" : "." + microseconds.ToString("D6", CultureInfo.InvariantCulture);
    }
}
