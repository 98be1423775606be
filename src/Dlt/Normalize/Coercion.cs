using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Dlt.Normalize;

/// <summary>
/// dlt's coercion table: converts a value into an existing column's type, or reports that it cannot
/// (then the value goes to a variant column).
/// </summary>
internal static class Coercion
{
    private static readonly BigInteger WeiLimit = BigInteger.Pow(10, 38);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryCoerce(in Cell value, DataType target, out Cell result)
    {
        if (value.Type == target)
        {
            result = value;
            return true;
        }

        result = default;
        return target switch
        {
            DataType.Text => ToText(value, out result),
            DataType.BigInt => ToBigInt(value, out result),
            DataType.Double => ToDouble(value, out result),
            DataType.Bool => ToBool(value, out result),
            DataType.Timestamp => ToTimestamp(value, out result),
            DataType.Date => ToDate(value, out result),
            DataType.Time => ToTime(value, out result),
            DataType.Json => ToJson(value, out result),
            DataType.Decimal => ToDecimal(value, out result),
            DataType.Wei => ToWei(value, out result),
            DataType.Binary => ToBinary(value, out result),
            _ => false,
        };
    }

    private static bool ToText(in Cell value, out Cell result)
    {
        string? text = value.Type switch
        {
            DataType.Json or DataType.Wei => value.Text,
            DataType.Decimal => PythonDecimal.Format(value.Text!),
            DataType.BigInt => value.Int.ToString(CultureInfo.InvariantCulture),
            DataType.Double => PythonFloat.Format(value.Float),
            DataType.Bool => value.AsBool ? "True" : "False",
            DataType.Timestamp => value.AsTimestamp.ToString(value.Int % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss'+00:00'" : "yyyy-MM-dd HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture),
            DataType.Date => value.AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DataType.Time => value.AsTime.ToString(value.Int % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            DataType.Binary => Convert.ToHexStringLower(value.Bytes!),
            _ => null,
        };
        result = text is null ? default : Cell.OfText(DataType.Text, text);
        return text is not null;
    }

    private static bool ToBigInt(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.Double when double.IsInteger(value.Float) && value.Float >= long.MinValue && value.Float < 9.2233720368547758E18:
                result = Cell.OfInt(DataType.BigInt, (long)value.Float);
                return true;
            case DataType.Decimal or DataType.Wei when decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.IsInteger(d) && d >= long.MinValue && d <= long.MaxValue:
                result = Cell.OfInt(DataType.BigInt, (long)d);
                return true;
            case DataType.Text when TryParseInteger(value.Text!, out var integer) && integer >= long.MinValue && integer <= long.MaxValue:
                result = Cell.OfInt(DataType.BigInt, (long)integer);
                return true;
            default:
                return false;
        }
    }

    private static bool ToDouble(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.BigInt:
                result = Cell.OfDouble(value.Int);
                return true;
            case DataType.Decimal or DataType.Wei when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                result = Cell.OfDouble(d);
                return true;
            case DataType.Text when PythonNumberText.TryParseDouble(value.Text!, out var parsed):
                result = Cell.OfDouble(parsed);
                return true;
            default:
                return false;
        }
    }

    private static bool ToBool(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.Text:
                var text = value.Text!.Trim().ToLowerInvariant();
                if (text is "yes" or "true" or "t" or "y" or "1")
                {
                    result = Cell.OfBool(true);
                    return true;
                }

                if (text is "no" or "false" or "f" or "n" or "0")
                {
                    result = Cell.OfBool(false);
                    return true;
                }

                return false;
            case DataType.BigInt:
                result = Cell.OfBool(value.Int != 0);
                return true;
            case DataType.Double:
                result = Cell.OfBool(value.Float != 0);
                return true;
            case DataType.Decimal or DataType.Wei when decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                result = Cell.OfBool(d != 0);
                return true;
            default:
                return false;
        }
    }

    private static bool ToTimestamp(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.Text when IsoTimestamp.TryParseDateOrDateTime(value.Text, out var utc):
                result = Cell.OfTimestamp(utc);
                return true;
            case DataType.Text when DateOnly.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                result = Cell.OfTimestamp(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                return true;
            case DataType.BigInt or DataType.Double:
                return FromUnixSeconds(value.Type == DataType.BigInt ? value.Int : value.Float, out result);

            // dlt's _datetime_from_ts_or_iso: text that is no ISO date or time is read with float() as unix
            // seconds (Python's float(), which takes no 0x form, unlike dlt's _text_to_double).
            case DataType.Text when !value.Text.AsSpan().TrimStart().StartsWith("0x", StringComparison.Ordinal) && PythonNumberText.TryParseDouble(value.Text!, out var seconds):
                return FromUnixSeconds(seconds, out result);
            case DataType.Date:
                result = Cell.OfTimestamp(value.AsDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                return true;
            default:
                return false;
        }
    }

    private static bool FromUnixSeconds(double seconds, out Cell result)
    {
        result = default;
        const double MaxSeconds = 253402300799;
        if (double.IsNaN(seconds) || seconds < -62135596800 || seconds > MaxSeconds)
        {
            return false;
        }

        var ticks = (long)Math.Round(seconds * 1_000_000) * 10;
        result = Cell.OfTimestamp(new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc));
        return true;
    }

    private static bool ToDate(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.Text when DateOnly.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                result = Cell.OfDate(date);
                return true;

            // dlt's _text_to_date_fast: date.fromisoformat, else ensure_pendulum_date, which reads the text as
            // a timestamp does (ISO forms, then float() as unix seconds) and takes its date in UTC.
            case DataType.Text when ToTimestamp(value, out var timestamp):
                result = Cell.OfDate(DateOnly.FromDateTime(timestamp.AsTimestamp));
                return true;
            case DataType.Timestamp:
                result = Cell.OfDate(DateOnly.FromDateTime(value.AsTimestamp));
                return true;
            case DataType.BigInt or DataType.Double when FromUnixSeconds(value.Type == DataType.BigInt ? value.Int : value.Float, out var timestamp):
                result = Cell.OfDate(DateOnly.FromDateTime(timestamp.AsTimestamp));
                return true;
            default:
                return false;
        }
    }

    private static bool ToTime(in Cell value, out Cell result)
    {
        result = default;
        if (value.Type == DataType.Text && TimeOnly.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            result = Cell.OfTime(time);
            return true;
        }

        return false;
    }

    private static bool ToJson(in Cell value, out Cell result)
    {
        result = default;
        if (value.Type != DataType.Text)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value.Text!, Storage.ItemJsonLimits.DocumentOptions);
            result = Cell.OfText(DataType.Json, value.Text!);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ToDecimal(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.BigInt:
                result = Cell.OfText(DataType.Decimal, value.Int.ToString(CultureInfo.InvariantCulture));
                return true;
            case DataType.Double when double.IsFinite(value.Float):
                result = Cell.OfText(DataType.Decimal, value.Float.ToString("R", CultureInfo.InvariantCulture));
                return true;
            case DataType.Wei:
                result = Cell.OfText(DataType.Decimal, value.Text!);
                return true;
            case DataType.Text when decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                result = Cell.OfText(DataType.Decimal, d.ToString(CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    private static bool ToWei(in Cell value, out Cell result)
    {
        result = default;
        switch (value.Type)
        {
            case DataType.BigInt:
                result = Cell.OfText(DataType.Wei, value.Int.ToString(CultureInfo.InvariantCulture));
                return true;
            case DataType.Double when double.IsInteger(value.Float) && FitsWei(new BigInteger(value.Float)):
                result = Cell.OfText(DataType.Wei, new BigInteger(value.Float).ToString(CultureInfo.InvariantCulture));
                return true;
            case DataType.Decimal when decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.IsInteger(d):
                result = Cell.OfText(DataType.Wei, d.ToString("0", CultureInfo.InvariantCulture));
                return true;
            case DataType.Text when TryParseInteger(value.Text!, out var integer) && FitsWei(integer):
                result = Cell.OfText(DataType.Wei, integer.ToString(CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    // wei is DECIMAL(38,0) on DuckDB: a longer integer would fail the load, so it goes to a variant instead.
    private static bool FitsWei(BigInteger value) => BigInteger.Abs(value) < WeiLimit;

    private static bool ToBinary(in Cell value, out Cell result)
    {
        result = default;
        if (value.Type != DataType.Text)
        {
            return false;
        }

        var text = value.Text!;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                result = Cell.OfBinary(Convert.FromHexString(text.AsSpan(2)));
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            result = Cell.OfBinary(buffer[..written]);
            return true;
        }

        return false;
    }

    /// <summary>An integer literal, or a <c>0x</c> hex literal as dlt accepts.</summary>
    private static bool TryParseInteger(string text, out BigInteger value) => PythonNumberText.TryParseInteger(text, out value);
}
