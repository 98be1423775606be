using System.Globalization;
using System.Text.Json;

namespace Dlt.Rest;

/// <summary>Reads JSON scalars the way Python reads them in dlt's paginators (<c>int(value)</c>, truthiness, <c>str2bool</c>).</summary>
internal static class JsonScalar
{
    /// <summary>An integer from a number (truncated) or from a string of digits.</summary>
    public static bool TryInteger(JsonElement value, out long integer)
    {
        integer = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out integer):
                return true;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && Math.Abs(number) < long.MaxValue:
                integer = (long)Math.Truncate(number);
                return true;
            case JsonValueKind.String:
                return long.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer);
            default:
                return false;
        }
    }

    /// <summary>A boolean, or a string that spells one (<c>true/false</c>, <c>yes/no</c>, <c>1/0</c>, <c>on/off</c>...).</summary>
    public static bool TryBoolean(JsonElement value, out bool boolean)
    {
        boolean = false;
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                boolean = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                switch (value.GetString()!.Trim().ToLowerInvariant())
                {
                    case "y" or "yes" or "t" or "true" or "on" or "1":
                        boolean = true;
                        return true;
                    case "n" or "no" or "f" or "false" or "off" or "0":
                        return true;
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    /// <summary>A non-empty string, or a non-zero number as written (a cursor or a URL); null for anything else, which Python finds falsy or not scalar.</summary>
    public static string? TruthyText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
        JsonValueKind.Number when value.GetDouble() != 0 => value.GetRawText(),
        _ => null,
    };

    /// <summary>The value as a short text for an error message.</summary>
    public static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 100 ? text : text[..100] + "...";
    }
}
