using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Canonical;

/// <summary>
/// Python's <c>json.dumps(obj, sort_keys=True)</c>: separators <c>", "</c> and <c>": "</c>, keys in code point
/// order, ASCII-only output by default, floats in Python repr.
/// </summary>
/// <remarks>
/// Numbers parsed from JSON text keep Python's reading of them: integer syntax stays an integer of any
/// size, anything with a fraction or exponent is a float.
/// </remarks>
internal static class PythonJson
{
    /// <summary>Serializes one JSON value.</summary>
    public static string Dumps(JsonNode? node, bool ensureAscii = true)
    {
        var builder = new StringBuilder();
        Write(builder, node, ensureAscii);
        return builder.ToString();
    }

    /// <summary>Serializes the given pairs as one JSON object (the nodes may belong to other parents).</summary>
    public static string DumpsObject(IEnumerable<KeyValuePair<string, JsonNode?>> properties, bool ensureAscii = true)
    {
        var builder = new StringBuilder();
        WriteObject(builder, properties, ensureAscii);
        return builder.ToString();
    }

    /// <summary>Python's <c>str(value)</c> of a JSON value: strings as they are, everything else as written by <see cref="Dumps"/>.</summary>
    public static string Str(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => "True",
        JsonValue value when value.GetValueKind() == JsonValueKind.False => "False",
        _ => Dumps(node, ensureAscii: false),
    };

    private static void Write(StringBuilder builder, JsonNode? node, bool ensureAscii)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, ensureAscii);
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, array[i], ensureAscii);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value, ensureAscii);
                break;
            default:
                throw new NotSupportedException($"Unexpected JSON node type {node.GetType()}.");
        }
    }

    private static void WriteObject(StringBuilder builder, IEnumerable<KeyValuePair<string, JsonNode?>> properties, bool ensureAscii)
    {
        builder.Append('{');
        var first = true;
        foreach (var (name, value) in properties.OrderBy(p => p.Key, CodePointComparer.Instance))
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            WriteString(builder, name, ensureAscii);
            builder.Append(": ");
            Write(builder, value, ensureAscii);
        }

        builder.Append('}');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value, bool ensureAscii)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(builder, element, ensureAscii);
            return;
        }

        if (value.TryGetValue<string>(out var text))
        {
            WriteString(builder, text, ensureAscii);
            return;
        }

        if (value.TryGetValue<bool>(out var flag))
        {
            builder.Append(flag ? "true" : "false");
            return;
        }

        if (value.TryGetValue<double>(out var real))
        {
            builder.Append(PythonFloat.JsonDumps(real));
            return;
        }

        if (value.TryGetValue<float>(out var single))
        {
            builder.Append(PythonFloat.JsonDumps(single));
            return;
        }

        if (value.TryGetValue<long>(out var integer))
        {
            builder.Append(integer.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (value.TryGetValue<int>(out var small))
        {
            builder.Append(small.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (value.TryGetValue<ulong>(out var unsigned))
        {
            builder.Append(unsigned.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (value.TryGetValue<BigInteger>(out var big))
        {
            builder.Append(big.ToString(CultureInfo.InvariantCulture));
            return;
        }

        throw new NotSupportedException($"No Python JSON form for a JSON value holding {value.GetValue<object>().GetType()}.");
    }

    private static void WriteElement(StringBuilder builder, JsonElement element, bool ensureAscii)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(builder, JsonObject.Create(element)!, ensureAscii);
                break;
            case JsonValueKind.Array:
                Write(builder, JsonArray.Create(element), ensureAscii);
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!, ensureAscii);
                break;
            case JsonValueKind.Number:
                builder.Append(NumberText(element.GetRawText()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    /// <summary>How Python writes back a JSON number it parsed: integers verbatim (any size), other numbers as float repr.</summary>
    public static string NumberText(string raw)
    {
        if (IsIntegerSyntax(raw))
        {
            return BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        return PythonFloat.JsonDumps(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>True when JSON number text has neither a fraction nor an exponent (Python reads it as <c>int</c>).</summary>
    public static bool IsIntegerSyntax(string raw) => raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static void WriteString(StringBuilder builder, string text, bool ensureAscii)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    // UTF-16 code units, so characters above U+FFFF come out as surrogate pairs, as in Python.
                    if (c < ' ' || (ensureAscii && c > '~'))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
