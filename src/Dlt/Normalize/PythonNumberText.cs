using System.Globalization;
using System.Numerics;
using System.Text;

namespace Dlt.Normalize;

/// <summary>
/// Reads numbers from text as dlt's <c>coerce_value</c> does (<c>_text_to_bigint</c>, <c>_text_to_double</c>,
/// <c>_text_to_wei</c> in <c>dlt/common/data_types/type_helpers.py</c>): the text is stripped, a lower-case
/// <c>0x</c> prefix reads hexadecimal, anything else goes through Python's <c>int()</c> or <c>float()</c>,
/// which take any Unicode decimal digits (full-width, Arabic-Indic, ...) and single <c>_</c> between digits,
/// and for <c>float()</c> <c>inf</c>, <c>infinity</c> and <c>nan</c> in any case with an optional sign.
/// </summary>
/// <remarks>Only strings headed for an existing numeric column come here, never the common path of typed values.</remarks>
internal static class PythonNumberText
{
    /// <summary>Python's <c>int(text.strip())</c>, or <c>int(text[2:], 16)</c> after a lower-case <c>0x</c>.</summary>
    public static bool TryParseInteger(string text, out BigInteger value)
    {
        value = default;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.Ordinal))
        {
            return TryToAsciiDigits(span[2..], hexadecimal: true, out var hex)
                && BigInteger.TryParse(string.Concat("0", hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (!TryToAsciiDigits(span, hexadecimal: false, out var ascii))
        {
            return false;
        }

        var digits = ascii.AsSpan();
        var sign = digits.Length > 0 && digits[0] is '+' or '-' ? 1 : 0;
        if (digits.Length == sign || digits[sign..].ContainsAnyExcept("0123456789"))
        {
            return false;
        }

        return BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python's <c>float(text.strip())</c>, or the hexadecimal integer after a lower-case <c>0x</c>.</summary>
    public static bool TryParseDouble(string text, out double value)
    {
        value = default;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.Ordinal))
        {
            if (!TryParseInteger(text, out var hex))
            {
                return false;
            }

            value = (double)hex;
            return true;
        }

        if (TrySpecial(span, out value))
        {
            return true;
        }

        if (!TryToAsciiDigits(span, hexadecimal: false, out var ascii))
        {
            return false;
        }

        // Python's float grammar: sign, digits with an optional point, an optional exponent; nothing else.
        if (ascii.AsSpan().ContainsAnyExcept("0123456789+-.eE") || !ascii.Any(char.IsAsciiDigit))
        {
            return false;
        }

        return double.TryParse(ascii, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    private static bool TrySpecial(ReadOnlySpan<char> text, out double value)
    {
        var negative = text.Length > 0 && text[0] == '-';
        var body = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        value = default;
        return false;
    }

    // Unicode decimal digits become ASCII ones; an underscore is dropped when it stands between two digits
    // (Python's grouping rule), otherwise the text is not a number.
    private static bool TryToAsciiDigits(ReadOnlySpan<char> text, bool hexadecimal, out string ascii)
    {
        ascii = "";
        var builder = new StringBuilder(text.Length);
        var previousWasDigit = false;
        var pendingUnderscore = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '_')
            {
                if (!previousWasDigit || pendingUnderscore)
                {
                    return false;
                }

                pendingUnderscore = true;
                continue;
            }

            var isDigit = Rune.IsDigit(rune) || (hexadecimal && rune.IsAscii && char.IsAsciiHexDigit((char)rune.Value));
            if (pendingUnderscore && !isDigit)
            {
                return false;
            }

            pendingUnderscore = false;
            previousWasDigit = isDigit;
            if (isDigit && !rune.IsAscii)
            {
                builder.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        if (pendingUnderscore)
        {
            return false;
        }

        ascii = builder.ToString();
        return true;
    }
}
