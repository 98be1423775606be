using System.Globalization;

namespace Dlt.ConformanceTests.Canonical;

/// <summary>
/// Python's <c>repr(float)</c>: the shortest digits that round-trip, fixed notation when the decimal
/// exponent is in [-4, 16) (with <c>.0</c> for integral values), else <c>1.5e+300</c> / <c>1e-05</c>.
/// </summary>
internal static class PythonFloat
{
    /// <summary>Formats like Python's <c>repr(value)</c> (<c>nan</c>, <c>inf</c>, <c>-inf</c> for non-finite values).</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = double.IsNegative(value) ? "-" : "";

        // .NET's "R" yields the same shortest round-trip digits as Python; only the layout differs.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = 0;
        var mantissa = text;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..exponentAt];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);

        // The value is 0.<digits> * 10^point.
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leadingZeros..].TrimEnd('0');
        point -= leadingZeros;
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        var scientificExponent = point - 1;
        if (scientificExponent is >= -4 and < 16)
        {
            if (point <= 0)
            {
                return sign + "0." + new string('0', -point) + digits;
            }

            if (point >= digits.Length)
            {
                return sign + digits + new string('0', point - digits.Length) + ".0";
            }

            return sign + digits[..point] + "." + digits[point..];
        }

        var significand = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        var exponentSign = scientificExponent < 0 ? "-" : "+";
        return sign + significand + "e" + exponentSign + Math.Abs(scientificExponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats like Python's <c>json.dumps(value)</c>: the repr, but <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    public static string JsonDumps(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return Repr(value);
    }
}
