using System.Runtime.CompilerServices;

namespace Dlt.Normalize;

internal static partial class IsoTimestamp
{
    /// <summary>
    /// The common shape of API timestamps, straight from UTF-8: <c>YYYY-MM-DDTHH:MM:SS</c>, an optional
    /// <c>.</c> fraction (the first six digits kept), then <c>Z</c> or <c>±HH:MM</c>. True only when the
    /// text has exactly that shape with values <see cref="TryParseDateTime"/> accepts, and then
    /// <paramref name="utc"/> is what it gives; false means "not decided here": ask <see cref="TryParseDateTime"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseCommonShapeUtf8(ReadOnlySpan<byte> utf8, out DateTime utc)
    {
        utc = default;
        if (utf8.Length < 20 || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':'
            || !TryDigits(utf8[..4], out var year) || !TryDigits(utf8.Slice(5, 2), out var month) || !TryDigits(utf8.Slice(8, 2), out var day)
            || !TryDigits(utf8.Slice(11, 2), out var hour) || !TryDigits(utf8.Slice(14, 2), out var minute) || !TryDigits(utf8.Slice(17, 2), out var second))
        {
            return false;
        }

        var position = 19;
        var microsecond = 0;
        if (utf8[position] == '.')
        {
            position++;
            var digits = 0;
            for (; position < utf8.Length && char.IsAsciiDigit((char)utf8[position]); position++, digits++)
            {
                if (digits < 6)
                {
                    microsecond = (microsecond * 10) + (utf8[position] - '0');
                }
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 6; digits++)
            {
                microsecond *= 10;
            }
        }

        int offsetMinutes;
        var rest = utf8[position..];
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            offsetMinutes = 0;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':'
            && TryDigits(rest.Slice(1, 2), out var offsetHours) && TryDigits(rest.Slice(4, 2), out var offsetMinute) && offsetHours < 24 && offsetMinute < 60)
        {
            offsetMinutes = (rest[0] == '+' ? 1 : -1) * ((offsetHours * 60) + offsetMinute);
        }
        else
        {
            return false;
        }

        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + (microsecond * TicksPerMicrosecond) - (offsetMinutes * TimeSpan.TicksPerMinute);
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
