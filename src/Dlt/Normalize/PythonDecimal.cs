using System.Globalization;
using System.Text;

namespace Dlt.Normalize;

/// <summary>
/// Writes a decimal as Python's <c>str(Decimal)</c> does (the General Decimal Arithmetic
/// to-scientific-string rule), which is how dlt's <c>coerce_value</c> puts a decimal into a text column
/// (<c>_text_fallback</c>, <c>custom_encode</c>): the digits and exponent are kept as given, trailing zeros
/// included (<c>12.50</c>), and the exponent form is used when the exponent is positive (<c>1E+2</c>) or the
/// value's adjusted exponent is below -6 (<c>0.0000001</c> is <c>1E-7</c>, <c>0.00000010</c> is <c>1.0E-7</c>).
/// </summary>
internal static class PythonDecimal
{
    /// <summary>
    /// Formats the decimal written in <paramref name="text"/> (an optional sign, digits with an optional
    /// point, an optional <c>E</c> exponent); text that is not such a number is returned unchanged.
    /// </summary>
    public static string Format(string text)
    {
        var span = text.AsSpan().Trim();
        var negative = false;
        if (!span.IsEmpty && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        var exponent = 0;
        var e = span.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            if (!int.TryParse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return text;
            }

            span = span[..e];
        }

        var point = span.IndexOf('.');
        var digits = new StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            if (i == point)
            {
                continue;
            }

            if (!char.IsAsciiDigit(span[i]))
            {
                return text;
            }

            digits.Append(span[i]);
        }

        if (digits.Length == 0)
        {
            return text;
        }

        if (point >= 0)
        {
            exponent -= span.Length - point - 1;
        }

        var coefficient = digits.ToString().TrimStart('0');
        if (coefficient.Length == 0)
        {
            coefficient = "0";
        }

        var adjusted = exponent + coefficient.Length - 1;
        var result = new StringBuilder(coefficient.Length + 12);
        if (negative)
        {
            result.Append('-');
        }

        if (exponent <= 0 && adjusted >= -6)
        {
            if (exponent == 0)
            {
                result.Append(coefficient);
            }
            else if (coefficient.Length > -exponent)
            {
                result.Append(coefficient, 0, coefficient.Length + exponent).Append('.').Append(coefficient, coefficient.Length + exponent, -exponent);
            }
            else
            {
                result.Append("0.").Append('0', -exponent - coefficient.Length).Append(coefficient);
            }

            return result.ToString();
        }

        result.Append(coefficient[0]);
        if (coefficient.Length > 1)
        {
            result.Append('.').Append(coefficient, 1, coefficient.Length - 1);
        }

        return result.Append('E').Append(adjusted >= 0 ? "+" : "-").Append(Math.Abs(adjusted).ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
