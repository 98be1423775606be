using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dlt.Storage;

namespace Dlt.Extract;

/// <summary>
/// Serializer settings for extract files: .NET values that JSON would flatten into strings or
/// doubles (decimal, DateTime, DateOnly, TimeOnly, byte[], BigInteger, Int128) are written with
/// dlt's typed-jsonl markers, whole doubles keep a fraction, and user strings starting with a
/// marker are escaped.
/// The map from .NET types to dlt types is documented in docs/types.md.
/// </summary>
internal static class ItemJsonConverters
{
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = ItemJsonLimits.MaxDepth,
        };
        options.Converters.Add(new SafeStringConverter());
        options.Converters.Add(new MarkedConverter<decimal>(TypedJsonMarker.Decimal, v => v.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new MarkedConverter<DateTime>(TypedJsonMarker.DateTime, FormatDateTime));
        options.Converters.Add(new MarkedConverter<DateTimeOffset>(TypedJsonMarker.DateTime, v => FormatDateTime(v.UtcDateTime)));
        options.Converters.Add(new MarkedConverter<DateOnly>(TypedJsonMarker.Date, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        options.Converters.Add(new MarkedConverter<TimeOnly>(TypedJsonMarker.Time, v => v.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)));
        options.Converters.Add(new MarkedConverter<byte[]>(TypedJsonMarker.Bytes, Convert.ToBase64String));
        options.Converters.Add(new MarkedConverter<BigInteger>(TypedJsonMarker.Wei, v => v.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new MarkedConverter<Int128>(TypedJsonMarker.Wei, v => v.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new MarkedConverter<UInt128>(TypedJsonMarker.Wei, v => v.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new UInt64Converter());
        options.Converters.Add(new FloatingPointConverter<double>());
        options.Converters.Add(new FloatingPointConverter<float>());
        options.Converters.Add(new SafeJsonElementConverter());
        options.Converters.Add(new SafeJsonNodeConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Timestamps are UTC: a Local DateTime is converted, an Unspecified one is taken as UTC (as dlt does).</summary>
    public static string FormatDateTime(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
    }

    public static void WriteSafeString(Utf8JsonWriter writer, string value)
    {
        if (value.Length > 0 && TypedJsonMarker.IsMarker(value[0]))
        {
            writer.WriteStringValue(TypedJsonMarker.Literal + value);
            return;
        }

        writer.WriteStringValue(value);
    }

    private sealed class SafeStringConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => WriteSafeString(writer, value);
    }

    private sealed class MarkedConverter<T>(char marker, Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(marker + format(value));
    }

    /// <summary>A ulong above long.MaxValue does not fit dlt's bigint: it is written as wei.</summary>
    private sealed class UInt64Converter : JsonConverter<ulong>
    {
        public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options)
        {
            if (value > long.MaxValue)
            {
                writer.WriteStringValue(TypedJsonMarker.Wei + value.ToString(CultureInfo.InvariantCulture));
                return;
            }

            writer.WriteNumberValue(value);
        }
    }

    /// <summary>
    /// Writes a whole <c>double</c> or <c>float</c> with a fraction (<c>2.0</c>, as Python does), so
    /// that it stays a double: JSON's shortest form (<c>2</c>) would be inferred as bigint.
    /// </summary>
    private sealed class FloatingPointConverter<T> : JsonConverter<T>
        where T : struct, IFloatingPoint<T>, IUtf8SpanFormattable
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            Span<byte> text = stackalloc byte[48];
            if (!T.IsFinite(value) || !value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture))
            {
                // Not a JSON number: the writer's own error names the value.
                writer.WriteNumberValue(double.CreateChecked(value));
                return;
            }

            if (text[..length].IndexOfAny(".Ee"u8) < 0)
            {
                ".0"u8.CopyTo(text[length..]);
                length += 2;
            }

            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
    }

    /// <summary>Writes a JsonElement as is, unless one of its strings starts with a marker.</summary>
    private sealed class SafeJsonElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
        {
            if (!TypedJsonMarker.MayContainMarker(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value)))
            {
                value.WriteTo(writer);
                return;
            }

            JsonStringRewriter.Write(writer, value, WriteSafeString);
        }
    }

    private sealed class SafeJsonNodeConverter : JsonConverter<JsonNode>
    {
        public override bool HandleNull => false;

        public override bool CanConvert(Type typeToConvert) => typeof(JsonNode).IsAssignableFrom(typeToConvert);

        public override JsonNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, JsonNode value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case JsonObject obj:
                    writer.WriteStartObject();
                    foreach (var (name, child) in obj)
                    {
                        writer.WritePropertyName(name);
                        WriteChild(writer, child, options);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonArray array:
                    writer.WriteStartArray();
                    foreach (var child in array)
                    {
                        WriteChild(writer, child, options);
                    }

                    writer.WriteEndArray();
                    break;
                case JsonValue jsonValue when jsonValue.TryGetValue<string>(out var text):
                    WriteSafeString(writer, text);
                    break;
                case JsonValue jsonValue when jsonValue.TryGetValue<JsonElement>(out var element):
                    JsonSerializer.Serialize(writer, element, options);
                    break;
                default:
                    JsonSerializer.Serialize(writer, value.GetValue<object>(), options);
                    break;
            }
        }

        private void WriteChild(Utf8JsonWriter writer, JsonNode? child, JsonSerializerOptions options)
        {
            if (child is null)
            {
                writer.WriteNullValue();
                return;
            }

            Write(writer, child, options);
        }
    }
}
