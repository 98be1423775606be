using System.Globalization;
using System.Text.RegularExpressions;

namespace Dlt.Normalize;

/// <summary>
/// dlt's <c>iso_timestamp</c> detector and its text form of timestamps. A string is a timestamp when dlt's
/// <c>parse_iso_like_datetime</c> turns it into a datetime: pendulum's ISO 8601 parser (the Rust one pendulum 3
/// ships) and, when that raises, pendulum's "common" format regex.
/// </summary>
/// <remarks>
/// Accepted (date and time both required; a date or a time alone is not a timestamp):
/// dates <c>YYYY-MM-DD</c>, <c>YYYYMMDD</c>, <c>YYYY-MM</c> (day 1), ordinal <c>YYYY-DDD</c>/<c>YYYYDDD</c>,
/// ISO week <c>YYYY-Www[-D]</c>/<c>YYYYWww[D]</c>; separator <c>T</c> or a space (not <c>t</c>);
/// times <c>HH</c>, <c>HH:MM</c>, <c>HH:MM:SS</c>, <c>HHMM</c>, <c>HHMMSS</c>, seconds with a fraction after
/// <c>.</c> or <c>,</c> of any number of digits (the first six kept); offsets <c>Z</c> (not <c>z</c>),
/// <c>±HH</c>, <c>±HHMM</c>, <c>±HH:MM</c>. As in pendulum, an extended date takes no basic <c>HHMM[SS]</c>
/// time and a basic date takes no <c>HH:MM:SS</c> time (<c>YYYYMMDDTHH:MM</c> passes).
/// The fallback regex also takes <c>YYYY[/:]MM[/:]DD</c>, <c>YYYYMMDD</c> or <c>YYYY</c> alone, then an
/// optional space and <c>H[H]:M[M][:S[S]]</c> with a fraction of 1 to 9 digits after <c>.</c>, <c>,</c> or
/// <c>|</c>, no offset (e.g. <c>2021/01/15 10:00</c>, <c>2021 10:00</c>). Its <c>\d</c> also matches other
/// Unicode decimal digits, in the BMP here (Python also takes the few outside it).
/// Hour 24, leap seconds, invalid calendar dates and offsets of 24 hours or more are rejected, as Python's
/// datetime rejects them. Ordinal and week dates follow the calendar (pendulum fixed an off-by-one there in
/// 2025; older pendulum 3 releases reject the last day of each month in those two forms).
/// </remarks>
internal static partial class IsoTimestamp
{
    private const int MinutesPerDay = 24 * 60;
    private const long TicksPerMicrosecond = 10;

    private enum Outcome
    {
        // pendulum's parse_iso8601 raised ValueError: dlt falls back on the common regex.
        Invalid,

        // It returned a date, a time, a duration or an interval: not a timestamp, no fallback.
        NotDateTime,

        DateTime,

        // A date alone (fields hold it): not a timestamp, but a value a timestamp or date column takes.
        Date,
    }

    /// <summary>
    /// Parses <paramref name="text"/> when dlt would detect it as a timestamp; the result is UTC (naive values
    /// are taken as UTC, offsets are applied) with <see cref="DateTimeKind.Utc"/>, to the microsecond.
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.IsEmpty)
        {
            return false;
        }

        switch (ParseIso8601(text, out Fields fields))
        {
            case Outcome.NotDateTime or Outcome.Date:
                return false;
            case Outcome.DateTime when fields.TryCompose(out utc):
                return true;
            default:
                return TryParseCommon(text, out utc);
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/> for an existing timestamp or date column: a timestamp as
    /// <see cref="TryParseDateTime"/> does, or an ISO date alone (calendar, ordinal or week form) at midnight UTC,
    /// as dlt's <c>ensure_pendulum_datetime_non_utc</c> turns the date <c>parse_iso8601</c> returns into a datetime.
    /// </summary>
    public static bool TryParseDateOrDateTime(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (!text.IsEmpty && ParseIso8601(text, out Fields fields) == Outcome.Date)
        {
            return fields.TryCompose(out utc);
        }

        return TryParseDateTime(text, out utc);
    }

    /// <summary>
    /// Writes <paramref name="utc"/> as dlt (Python's <c>isoformat</c>) writes a UTC timestamp:
    /// <c>2021-10-13T13:49:32.901899+00:00</c>, the microseconds only when not zero. The value's
    /// <see cref="DateTime.Kind"/> is not looked at; its clock reading is written as UTC.
    /// </summary>
    public static string Format(DateTime utc)
    {
        int microsecond = (int)(utc.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond);
        int length = microsecond == 0 ? 25 : 32;
        return string.Create(length, (utc, microsecond), static (chars, state) =>
        {
            (DateTime value, int micro) = state;
            WriteDigits(chars[..4], value.Year);
            chars[4] = '-';
            WriteDigits(chars.Slice(5, 2), value.Month);
            chars[7] = '-';
            WriteDigits(chars.Slice(8, 2), value.Day);
            chars[10] = 'T';
            WriteDigits(chars.Slice(11, 2), value.Hour);
            chars[13] = ':';
            WriteDigits(chars.Slice(14, 2), value.Minute);
            chars[16] = ':';
            WriteDigits(chars.Slice(17, 2), value.Second);
            int position = 19;
            if (micro != 0)
            {
                chars[19] = '.';
                WriteDigits(chars.Slice(20, 6), micro);
                position = 26;
            }

            "+00:00".CopyTo(chars[position..]);
        });
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    // A port of the grammar of pendulum's Rust parse_iso8601 (datetime part).
    private static Outcome ParseIso8601(ReadOnlySpan<char> text, out Fields fields)
    {
        fields = default;
        var cursor = new Cursor(text);

        // Durations ("P...") and times ("T...", "HH:...") never make a datetime.
        if (cursor.Current is 'P' or 'T')
        {
            return Outcome.NotDateTime;
        }

        if (!cursor.TryReadNumber(2, out int century))
        {
            return Outcome.Invalid;
        }

        if (cursor.Current == ':')
        {
            return Outcome.NotDateTime;
        }

        if (!cursor.TryReadNumber(2, out int yearOfCentury))
        {
            return Outcome.Invalid;
        }

        int year = (century * 100) + yearOfCentury;
        int month;
        int day = 1;
        bool extended = false;
        if (cursor.Current == '-')
        {
            cursor.Advance();
            extended = true;
            if (cursor.Current == 'W')
            {
                cursor.Advance();
                if (!cursor.TryReadNumber(2, out int week))
                {
                    return Outcome.Invalid;
                }

                int weekDay = 1;
                if (!cursor.AtDateEnd)
                {
                    if (cursor.Current != '-')
                    {
                        return Outcome.Invalid;
                    }

                    cursor.Advance();
                    if (!cursor.TryReadNumber(1, out weekDay))
                    {
                        return Outcome.Invalid;
                    }
                }

                if (!TryIsoWeekDate(ref year, week, weekDay, out month, out day))
                {
                    return Outcome.Invalid;
                }
            }
            else
            {
                if (!cursor.TryReadNumber(2, out month))
                {
                    return Outcome.Invalid;
                }

                if (!cursor.AtDateEnd)
                {
                    if (cursor.Current == '-')
                    {
                        cursor.Advance();
                        if (!cursor.TryReadNumber(2, out day))
                        {
                            return Outcome.Invalid;
                        }
                    }
                    else
                    {
                        // YYYY-DDD: the two digits read as a month start the day of the year.
                        if (!cursor.TryReadNumber(1, out int lastDigit)
                            || !TryOrdinalDate(ref year, (month * 10) + lastDigit, allowOtherYear: false, out month, out day))
                        {
                            return Outcome.Invalid;
                        }
                    }
                }
            }
        }
        else if (cursor.Current == 'W')
        {
            cursor.Advance();
            if (!cursor.TryReadNumber(2, out int week))
            {
                return Outcome.Invalid;
            }

            int weekDay = 1;
            if (!cursor.AtDateEnd && !cursor.TryReadNumber(1, out weekDay))
            {
                return Outcome.Invalid;
            }

            if (!TryIsoWeekDate(ref year, week, weekDay, out month, out day))
            {
                return Outcome.Invalid;
            }
        }
        else
        {
            if (!cursor.TryReadNumber(2, out month) || !cursor.TryReadNumber(1, out int third))
            {
                return Outcome.Invalid;
            }

            if (cursor.AtDateEnd)
            {
                // YYYYDDD
                if (!TryOrdinalDate(ref year, (month * 10) + third, allowOtherYear: false, out month, out day))
                {
                    return Outcome.Invalid;
                }
            }
            else
            {
                if (!cursor.TryReadNumber(1, out int fourth))
                {
                    return Outcome.Invalid;
                }

                day = (third * 10) + fourth;
            }
        }

        fields = new Fields { Year = year, Month = month, Day = day };
        if (cursor.End)
        {
            return Outcome.Date;
        }

        return ParseTime(ref cursor, extended, ref fields) && cursor.End ? Outcome.DateTime : Outcome.Invalid;
    }

    private static bool ParseTime(ref Cursor cursor, bool extendedDate, ref Fields fields)
    {
        if (cursor.Current is not ('T' or ' '))
        {
            return false;
        }

        cursor.Advance();
        if (!cursor.TryReadNumber(2, out fields.Hour))
        {
            return false;
        }

        if (!cursor.End && !cursor.AtOffset)
        {
            if (cursor.Current == ':')
            {
                cursor.Advance();
                if (!cursor.TryReadNumber(2, out fields.Minute))
                {
                    return false;
                }

                if (!cursor.End && !cursor.AtOffset)
                {
                    if (cursor.Current != ':')
                    {
                        return false;
                    }

                    cursor.Advance();
                    if (!cursor.TryReadNumber(2, out fields.Second) || !TryReadFraction(ref cursor, out fields.Microsecond))
                    {
                        return false;
                    }

                    if (!extendedDate)
                    {
                        return false;
                    }
                }
            }
            else
            {
                if (!cursor.TryReadNumber(2, out fields.Minute))
                {
                    return false;
                }

                if (!cursor.End && !cursor.AtOffset
                    && (!cursor.TryReadNumber(2, out fields.Second) || !TryReadFraction(ref cursor, out fields.Microsecond)))
                {
                    return false;
                }

                if (extendedDate)
                {
                    return false;
                }
            }
        }

        if (cursor.Current == 'Z')
        {
            cursor.Advance();
            fields.OffsetMinutes = 0;
        }
        else if (cursor.Current is '+' or '-')
        {
            int sign = cursor.Current == '+' ? 1 : -1;
            cursor.Advance();
            if (!cursor.TryReadNumber(2, out int offsetHours))
            {
                return false;
            }

            if (cursor.Current == ':')
            {
                cursor.Advance();
            }

            int offsetMinutes = 0;
            if (!cursor.End && !cursor.TryReadNumber(2, out offsetMinutes))
            {
                return false;
            }

            fields.OffsetMinutes = sign * ((offsetHours * 60) + offsetMinutes);
        }

        return true;
    }

    // After '.' or ',': at least one digit, the first six kept, the rest dropped (not rounded).
    private static bool TryReadFraction(ref Cursor cursor, out int microsecond)
    {
        microsecond = 0;
        if (cursor.Current is not ('.' or ','))
        {
            return true;
        }

        cursor.Advance();
        int digits = 0;
        while (char.IsAsciiDigit(cursor.Current))
        {
            if (digits < 6)
            {
                microsecond = (microsecond * 10) + (cursor.Current - '0');
                digits++;
            }

            cursor.Advance();
        }

        if (digits == 0)
        {
            return false;
        }

        for (; digits < 6; digits++)
        {
            microsecond *= 10;
        }

        return true;
    }

    private static bool TryIsoWeekDate(ref int year, int week, int weekDay, out int month, out int day)
    {
        month = 0;
        day = 0;
        if (week > 53 || (week > 52 && !IsLongIsoYear(year)) || weekDay > 7)
        {
            return false;
        }

        // Day of the year of the week's day: week 1 holds January 4th.
        int ordinal = (week * 7) + weekDay - (IsoWeekDay(year, 1, 4) + 3);
        return TryOrdinalDate(ref year, ordinal, allowOtherYear: true, out month, out day);
    }

    private static bool TryOrdinalDate(ref int year, int ordinal, bool allowOtherYear, out int month, out int day)
    {
        month = 0;
        day = 0;
        if (ordinal < 1)
        {
            if (!allowOtherYear)
            {
                return false;
            }

            year--;
            ordinal += DaysInYear(year);
        }
        else if (ordinal > DaysInYear(year))
        {
            if (!allowOtherYear)
            {
                return false;
            }

            ordinal -= DaysInYear(year);
            year++;
        }

        if (year is < 1 or > 9999)
        {
            return false;
        }

        DateOnly date = new DateOnly(year, 1, 1).AddDays(ordinal - 1);
        month = date.Month;
        day = date.Day;
        return true;
    }

    private static int DaysInYear(int year) => IsLeapYear(year) ? 366 : 365;

    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    // Years with 53 ISO weeks (pendulum's helper, valid for any integer year).
    private static bool IsLongIsoYear(int year) => GregorianYearTerm(year) % 7 == 4 || GregorianYearTerm(year - 1) % 7 == 3;

    private static int GregorianYearTerm(int year) => year + (year / 4) - (year / 100) + (year / 400);

    // ISO day of the week, Monday 1 .. Sunday 7 (Sakamoto's method as pendulum writes it).
    private static int IsoWeekDay(int year, int month, int day)
    {
        ReadOnlySpan<int> monthTable = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        int y = month < 3 ? year - 1 : year;
        int w = (GregorianYearTerm(y) + monthTable[month - 1] + day) % 7;
        return w == 0 ? 7 : Math.Abs(w);
    }

    // pendulum's _parse_common, reached when parse_iso8601 raised.
    private static bool TryParseCommon(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;

        // A datetime here needs a 4-digit year and a ':' in the time; skip the regex for everything else.
        if (text.Length < 7 || !char.IsDigit(text[0]) || !char.IsDigit(text[1]) || !char.IsDigit(text[2])
            || !char.IsDigit(text[3]) || !text.Contains(':'))
        {
            return false;
        }

        Match match = CommonFormat().Match(text.ToString());
        if (!match.Success || !match.Groups["date"].Success || !match.Groups["time"].Success
            || !match.Groups["minute"].Success)
        {
            return false;
        }

        var fields = new Fields
        {
            Year = ParseDigits(match.Groups["year"].ValueSpan),
            Month = match.Groups["monthday"].Success ? ParseDigits(match.Groups["month"].ValueSpan) : 1,
            Day = match.Groups["monthday"].Success ? ParseDigits(match.Groups["day"].ValueSpan) : 1,
            Hour = ParseDigits(match.Groups["hour"].ValueSpan),
            Minute = ParseDigits(match.Groups["minute"].ValueSpan),
            Second = match.Groups["second"].Success ? ParseDigits(match.Groups["second"].ValueSpan) : 0,
        };

        Group subsecond = match.Groups["subsecond"];
        if (subsecond.Success)
        {
            ReadOnlySpan<char> kept = subsecond.ValueSpan[..Math.Min(6, subsecond.Length)];
            fields.Microsecond = ParseDigits(kept);
            for (int i = kept.Length; i < 6; i++)
            {
                fields.Microsecond *= 10;
            }
        }

        return fields.TryCompose(out utc);
    }

    // Python's int() of \d characters: any Unicode decimal digit counts with its value.
    private static int ParseDigits(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            value = (value * 10) + CharUnicodeInfo.GetDecimalDigitValue(c);
        }

        return value;
    }

    // pendulum's COMMON pattern, matched in full (fullmatch); \d is Unicode-aware in both engines.
    [GeneratedRegex(
        @"^(?<date>(?<year>\d{4})(?<monthday>[/:]?(?<month>\d{2})[/:]?(?<day>\d{2}))?)?(?<time> ?(?<hour>\d{1,2}):(?<minute>\d{1,2})?(?::(?<second>\d{1,2}))?(?:[.|,](?<subsecond>\d{1,9}))?)?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex CommonFormat();

    private struct Fields
    {
        public int Year;
        public int Month;
        public int Day;
        public int Hour;
        public int Minute;
        public int Second;
        public int Microsecond;
        public int? OffsetMinutes;

        // What Python's datetime accepts, then the instant in UTC.
        public readonly bool TryCompose(out DateTime utc)
        {
            utc = default;
            if (Year is < 1 or > 9999 || Month is < 1 or > 12 || Day < 1 || Day > DateTime.DaysInMonth(Year, Month)
                || Hour > 23 || Minute > 59 || Second > 59)
            {
                return false;
            }

            int offset = OffsetMinutes ?? 0;
            if (offset <= -MinutesPerDay || offset >= MinutesPerDay)
            {
                return false;
            }

            long ticks = new DateTime(Year, Month, Day, Hour, Minute, Second).Ticks
                + (Microsecond * TicksPerMicrosecond)
                - (offset * TimeSpan.TicksPerMinute);
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            utc = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }
    }

    private ref struct Cursor(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _position;

        // '\0' past the end, like the Rust parser's current character.
        public readonly char Current => _position < _text.Length ? _text[_position] : '\0';

        public readonly bool End => _position >= _text.Length;

        // Where the date part may stop: the end, or the time separator.
        public readonly bool AtDateEnd => End || Current is ' ' or 'T';

        public readonly bool AtOffset => Current is 'Z' or '+' or '-';

        public void Advance() => _position++;

        public bool TryReadNumber(int digits, out int value)
        {
            value = 0;
            for (int i = 0; i < digits; i++)
            {
                if (!char.IsAsciiDigit(Current))
                {
                    return false;
                }

                value = (value * 10) + (Current - '0');
                _position++;
            }

            return true;
        }
    }
}
