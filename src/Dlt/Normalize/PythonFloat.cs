using System.Globalization;

namespace Dlt.Normalize;

/// <summary>Formats a double as Python's <c>repr</c> does (shortest round trip; exponent form below 1e-4 and from 1e16).</summary>
internal static class PythonFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest.AsSpan(exponentAt + 1), CultureInfo.InvariantCulture);
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-').Replace(".", "", StringComparison.Ordinal);
        var pointAt = mantissa.TrimStart('-').IndexOf('.', StringComparison.Ordinal);
        var integerDigits = pointAt < 0 ? mantissa.TrimStart('-').Length : pointAt;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        var decimalExponent = integerDigits + exponent - leadingZeros - 1;
        string body;
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            body = $"{digits[0]}{fraction}e{(decimalExponent < 0 ? "-" : "+")}{Math.Abs(decimalExponent):D2}";
        }
        else if (decimalExponent < 0)
        {
            body = "0." + new string('0', -decimalExponent - 1) + digits;
        }
        else if (digits.Length <= decimalExponent + 1)
        {
            body = digits + new string('0', decimalExponent + 1 - digits.Length) + ".0";
        }
        else
        {
            body = digits[..(decimalExponent + 1)] + "." + digits[(decimalExponent + 1)..];
        }

        return negative ? "-" + body : body;
    }
}
