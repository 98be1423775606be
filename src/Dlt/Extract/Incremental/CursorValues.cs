using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Extract;
using Dlt.Storage;

namespace Dlt;

/// <summary>
/// Reads cursor values of type <typeparamref name="T"/> from item JSON and from the state (typed
/// JSON: timestamps, dates and decimals carry dlt's markers), writes them to the state, and moves
/// them back by a lag.
/// </summary>
internal static class CursorValues<T>
{
    private static readonly Type s_type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);

    public static void EnsureSupported()
    {
        if (s_type != typeof(long) && s_type != typeof(int) && s_type != typeof(double) && s_type != typeof(decimal) &&
            s_type != typeof(string) && s_type != typeof(DateTimeOffset) && s_type != typeof(DateTime) && s_type != typeof(DateOnly))
        {
            throw new NotSupportedException(
                $"An incremental cursor of type {typeof(T).Name} is not supported: use long, int, double, decimal, string, DateTimeOffset, DateTime or DateOnly.");
        }
    }

    /// <summary>The cursor type in words, for errors.</summary>
    public static string TypeName => s_type.Name;

    /// <summary>
    /// Reads the value the reader is on. False with <paramref name="found"/> naming the JSON kind when it
    /// is not a <typeparamref name="T"/>; <paramref name="naive"/> tells a timestamp without a time zone.
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, out T value, out string found, out bool naive)
    {
        value = default!;
        naive = false;
        found = KindOf(reader.TokenType);
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TryReadNumber(ref reader, out value);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var text = reader.GetString()!;
        if (text.Length > 0 && TypedJsonMarker.IsMarker(text[0]))
        {
            found = text[0] switch
            {
                TypedJsonMarker.DateTime => "timestamp",
                TypedJsonMarker.Date => "date",
                TypedJsonMarker.Decimal => "decimal",
                _ => found,
            };
            text = text[1..];
        }

        return TryParseText(text, out value, ref found, out naive);
    }

    /// <summary>Reads a value kept in the state.</summary>
    public static T FromState(JsonNode node, string what)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(node));
        reader.Read();
        return TryRead(ref reader, out var value, out var found, out _)
            ? value
            : throw new InvalidDataException($"The state holds a {found} as {what}, not a {TypeName}: the cursor's type changed since the last run. Reset the resource's state (drop the resource) or keep the cursor's type.");
    }

    /// <summary>
    /// Reads a value from configuration: a TOML value (number, string, date-time) or a string from the
    /// environment (a number for the numeric types, an ISO date or timestamp for the time types).
    /// </summary>
    public static bool TryFromConfig(object raw, out T value)
    {
        var numeric = s_type == typeof(long) || s_type == typeof(int) || s_type == typeof(double) || s_type == typeof(decimal);
        var json = raw switch
        {
            string s when numeric && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) => s.Trim(),
            string s => JsonSerializer.Serialize(s),
            long or int => Convert.ToString(raw, CultureInfo.InvariantCulture),
            double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
            bool or double => null,
            _ => JsonSerializer.Serialize(Convert.ToString(raw, CultureInfo.InvariantCulture)),
        };
        value = default!;
        if (json is null)
        {
            return false;
        }

        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        try
        {
            return reader.Read() && TryRead(ref reader, out value, out _, out _);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The value as typed JSON for the state.</summary>
    public static JsonNode ToState(T value) => value switch
    {
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(TypedJsonMarker.Decimal + m.ToString(CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(TypedJsonMarker.DateTime + ItemJsonConverters.FormatDateTime(t.UtcDateTime)),
        DateTime t => JsonValue.Create(TypedJsonMarker.DateTime + ItemJsonConverters.FormatDateTime(t)),
        DateOnly d => JsonValue.Create(TypedJsonMarker.Date + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"Cursor value of type {value?.GetType().Name}."),
    };

    /// <summary>
    /// <paramref name="value"/> moved <paramref name="lag"/> back (older) in the direction of
    /// <paramref name="olderIsLower"/>: seconds for timestamps (and ISO timestamp strings), days for
    /// dates, units for numbers.
    /// </summary>
    public static T Lagged(T value, double lag, bool olderIsLower)
    {
        var sign = olderIsLower ? -1 : 1;
        object moved = value switch
        {
            long l => l + (long)(sign * lag),
            int i => i + (int)(sign * lag),
            double d => d + (sign * lag),
            decimal m => m + (sign * (decimal)lag),
            DateTimeOffset t => t.AddSeconds(sign * lag),
            DateTime t => t.AddSeconds(sign * lag),
            DateOnly d => d.AddDays((int)(sign * lag)),
            string s when IsoTimestamp(s, out var t, out var naive) => FormatLike(s, t.AddSeconds(sign * lag), naive),
            _ => throw new ArgumentException($"A lag needs a numeric, date or timestamp cursor; '{value}' is none of them."),
        };
        return (T)moved;
    }

    private static bool TryReadNumber(ref Utf8JsonReader reader, out T value)
    {
        value = default!;
        object? number = s_type == typeof(long) && reader.TryGetInt64(out var l) ? l
            : s_type == typeof(int) && reader.TryGetInt32(out var i) ? i
            : s_type == typeof(double) && reader.TryGetDouble(out var d) ? d
            : s_type == typeof(decimal) && reader.TryGetDecimal(out var m) ? m
            : null;
        if (number is null)
        {
            return false;
        }

        value = (T)number;
        return true;
    }

    private static bool TryParseText(string text, out T value, ref string found, out bool naive)
    {
        value = default!;
        naive = false;
        object? parsed = null;
        if (s_type == typeof(string))
        {
            parsed = text;
        }
        else if (s_type == typeof(DateTimeOffset) && IsoTimestamp(text, out var t, out naive))
        {
            parsed = t;
        }
        else if (s_type == typeof(DateTime) && IsoTimestamp(text, out var dt, out naive))
        {
            parsed = dt.UtcDateTime;
        }
        else if (s_type == typeof(DateOnly) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            parsed = date;
        }
        else if (s_type == typeof(decimal) && found == "decimal" && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            parsed = m;
        }

        if (parsed is null)
        {
            return false;
        }

        value = (T)parsed;
        return true;
    }

    /// <summary>An ISO 8601 timestamp (or date); one without an offset is taken as UTC and reported as naive.</summary>
    private static bool IsoTimestamp(string text, out DateTimeOffset value, out bool naive)
    {
        naive = !HasOffset(text);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value) && text.Length >= 10 && text[4] == '-';
    }

    private static bool HasOffset(string text)
    {
        var time = text.IndexOfAny(['T', 't', ' '], Math.Min(10, text.Length));
        return time >= 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], time) >= 0);
    }

    private static string FormatLike(string original, DateTimeOffset value, bool naive) =>
        naive ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture)
        : original.EndsWith('Z') ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture);

    private static string KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "list",
        _ => "null",
    };
}
