using System.Globalization;

namespace Dlt.Normalize;

/// <summary>Temporary ISO parser; replaced by the full implementation.</summary>
internal static class IsoTimestamp
{
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 16 || text[10] is not ('T' or ' '))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        utc = new DateTime(parsed.UtcTicks - parsed.UtcTicks % 10, DateTimeKind.Utc);
        return true;
    }

    public static string Format(DateTime utc) =>
        utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
