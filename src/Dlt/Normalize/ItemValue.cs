using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>Reads a JSON value of an extract file as a typed <see cref="Cell"/>, decoding dlt's typed-jsonl markers.</summary>
internal static class ItemValue
{
    /// <summary>The value's own type and dlt's name for it (used in variant column names).</summary>
    /// <param name="value">A non-null JSON value.</param>
    /// <param name="typeName">dlt's name of the value's own type, before detection.</param>
    /// <param name="detect">Whether plain strings that are ISO datetimes become timestamps (dlt's <c>iso_timestamp</c> detector).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Cell Read(JsonTapeValue value, bool detect, out string typeName)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return ReadString(value.GetString(), detect, out typeName);
            case JsonValueKind.Number:
                switch (JsonNumber.TryRead(value.RawUtf8, out var common, out var real))
                {
                    case JsonNumber.Kind.Integer:
                        typeName = "bigint";
                        return Cell.OfInt(DataType.BigInt, common);
                    case JsonNumber.Kind.Real:
                        typeName = "double";
                        return Cell.OfDouble(real);
                }

                if (value.TryGetInt64(out var integer))
                {
                    typeName = "bigint";
                    return Cell.OfInt(DataType.BigInt, integer);
                }

                if (IsWeiLiteral(value, out var digits))
                {
                    typeName = "wei";
                    return Cell.OfText(DataType.Wei, digits);
                }

                typeName = "double";
                return Cell.OfDouble(value.GetDouble());
            case JsonValueKind.True:
            case JsonValueKind.False:
                typeName = "bool";
                return Cell.OfBool(value.GetBoolean());
            default:
                typeName = "json";
                return Cell.OfText(DataType.Json, JsonText(value));
        }
    }

    /// <summary>
    /// The JSON text of a nested value for a json column. Strings inside it that carry a typed-jsonl
    /// marker (typed .NET values, or user strings escaped at extract) are written without the marker,
    /// so the column holds the user's JSON.
    /// </summary>
    private static string JsonText(JsonTapeValue node)
    {
        var raw = node.RawUtf8;
        if (!TypedJsonMarker.MayContainMarker(raw))
        {
            return Encoding.UTF8.GetString(raw);
        }

        var value = node.ToElement();
        var buffer = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = ItemJsonLimits.MaxDepth }))
        {
            JsonStringRewriter.Write(writer, value, static (w, text) => w.WriteStringValue(text.Length > 0 && TypedJsonMarker.IsMarker(text[0]) ? text.AsSpan(1) : text));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// An integer literal beyond 64 bits that fits wei's 38 digits is kept exact as wei (dlt would
    /// make it a double or fail on it; see docs/divergences.md). Longer ones stay doubles.
    /// </summary>
    private static bool IsWeiLiteral(JsonTapeValue value, out string digits)
    {
        var raw = value.RawUtf8;
        digits = "";
        if (raw.IndexOfAny("."u8) >= 0 || raw.IndexOfAny("eE"u8) >= 0 || raw.Length - (raw[0] == (byte)'-' ? 1 : 0) > 38)
        {
            return false;
        }

        digits = System.Text.Encoding.UTF8.GetString(raw);
        return true;
    }

    private static Cell ReadString(string text, bool detect, out string typeName)
    {
        if (text.Length > 0 && TypedJsonMarker.IsMarker(text[0]))
        {
            return ReadMarked(text[0], text[1..], out typeName);
        }

        typeName = "text";
        return detect && IsoTimestamp.TryParseDateTime(text, out var utc) ? Cell.OfTimestamp(utc) : Cell.OfText(DataType.Text, text);
    }

    private static Cell ReadMarked(char marker, string payload, out string typeName)
    {
        switch (marker)
        {
            case TypedJsonMarker.Decimal:
                typeName = "decimal";
                return Cell.OfText(DataType.Decimal, payload);
            case TypedJsonMarker.DateTime:
                typeName = "timestamp";
                return Cell.OfTimestamp(IsoTimestamp.TryParseDateTime(payload, out var utc) ? utc : throw BadPayload(marker, payload));
            case TypedJsonMarker.Date:
                typeName = "date";
                return Cell.OfDate(DateOnly.ParseExact(payload, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            case TypedJsonMarker.Time:
                typeName = "time";
                return Cell.OfTime(TimeOnly.Parse(payload, CultureInfo.InvariantCulture));
            case TypedJsonMarker.Wei:
                typeName = "wei";
                return Cell.OfText(DataType.Wei, payload);
            case TypedJsonMarker.Bytes:
                typeName = "binary";
                return Cell.OfBinary(Convert.FromBase64String(payload));
            case TypedJsonMarker.HexBytes:
                typeName = "binary";
                return Cell.OfBinary(Convert.FromHexString(payload.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? payload[2..] : payload));
            case TypedJsonMarker.Uuid:
                typeName = "text";
                return Cell.OfText(DataType.Text, payload);
            default:
                typeName = "text";
                return Cell.OfText(DataType.Text, payload);
        }
    }

    private static FormatException BadPayload(char marker, string payload) =>
        new($"Typed value U+{(int)marker:X4} '{payload}' in an extract file is malformed.");
}
