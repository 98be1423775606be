using System.Globalization;
using Tomlyn;

namespace Dlt.Configuration;

/// <summary>Converts raw values (strings from the environment, TOML values) to the types settings need.</summary>
internal static class ConfigConvert
{
    public static bool TryInteger(object raw, out long value)
    {
        switch (raw)
        {
            case long l:
                value = l;
                return true;
            case int i:
                value = i;
                return true;
            case string s:
                return long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    public static bool TryNumber(object raw, out double value)
    {
        switch (raw)
        {
            case double d:
                value = d;
                return true;
            case long l:
                value = l;
                return true;
            case int i:
                value = i;
                return true;
            case string s:
                return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
            default:
                value = 0;
                return false;
        }
    }

    public static bool TryBoolean(object raw, out bool value)
    {
        switch (raw)
        {
            case bool b:
                value = b;
                return true;
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes":
                        value = true;
                        return true;
                    case "false" or "0" or "no":
                        value = false;
                        return true;
                }

                break;
        }

        value = false;
        return false;
    }

    /// <summary>Strings as they are; numbers and booleans in their invariant text form.</summary>
    public static bool TryText(object raw, out string value)
    {
        value = raw switch
        {
            string s => s,
            long or int or double or bool => Convert.ToString(raw, CultureInfo.InvariantCulture)!.ToLowerInvariant(),
            _ => null!,
        };
        return value is not null;
    }

    /// <summary>Converts to <paramref name="type"/>: text, integers, numbers, booleans, <see cref="TimeSpan"/> (seconds), enums (dlt's snake_case names) and their nullable forms.</summary>
    public static bool TryConvert(object raw, Type type, out object? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (target == typeof(string))
        {
            if (TryText(raw, out var text))
            {
                value = text;
                return true;
            }

            return false;
        }

        if (target == typeof(object))
        {
            value = raw;
            return true;
        }

        if (target == typeof(bool))
        {
            var ok = TryBoolean(raw, out var b);
            value = b;
            return ok;
        }

        if (target == typeof(int) || target == typeof(long) || target == typeof(short))
        {
            if (!TryInteger(raw, out var l))
            {
                return false;
            }

            try
            {
                value = Convert.ChangeType(l, target, CultureInfo.InvariantCulture);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        if (target == typeof(double) || target == typeof(float) || target == typeof(decimal))
        {
            if (!TryNumber(raw, out var d))
            {
                return false;
            }

            value = Convert.ChangeType(d, target, CultureInfo.InvariantCulture);
            return true;
        }

        if (target == typeof(TimeSpan))
        {
            var ok = TryNumber(raw, out var seconds) && seconds >= 0;
            value = ok ? TimeSpan.FromSeconds(seconds) : null;
            return ok;
        }

        if (target.IsEnum && raw is string name)
        {
            var compact = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (Enum.TryParse(target, compact, ignoreCase: true, out var parsed) && !char.IsDigit(compact.FirstOrDefault()))
            {
                value = parsed;
                return true;
            }

            return false;
        }

        return false;
    }

    /// <summary>The value as it reads in a message: strings quoted, secrets hidden.</summary>
    public static string Describe(object raw, bool secret) => secret
        ? "a secret value (hidden)"
        : raw switch
        {
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            long or int or double => Convert.ToString(raw, CultureInfo.InvariantCulture)!,
            TomlDateTime => "a date-time",
            _ => "a " + raw.GetType().Name.Replace("Toml", "", StringComparison.Ordinal).ToLowerInvariant(),
        };
}
