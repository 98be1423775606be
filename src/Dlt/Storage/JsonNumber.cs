using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Dlt.Storage;

/// <summary>
/// Reads JSON numbers straight from their UTF-8 text, with the values System.Text.Json gives:
/// integers of up to 18 digits; decimals of up to 15 significant digits with a power of ten within
/// ±22 (Clinger's exact case: both factors are exact doubles, so one correctly rounded multiplication
/// or division is the correctly rounded value of the text); and other decimals by the parser
/// System.Text.Json's reader uses, without a reader around it. Longer integers (which may be wei)
/// and decimals beyond a double's range are left to the caller's general path.
/// </summary>
internal static class JsonNumber
{
    private const int MaxIntegerDigits = 18;
    private const int MaxExactDigits = 15;
    private const int MaxExactPower = 22;

    private static readonly double[] s_powersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>What <see cref="TryRead"/> found.</summary>
    public enum Kind
    {
        /// <summary>Not read here: take the general path.</summary>
        Other,

        /// <summary>An integer literal (no fraction, no exponent) that fits 64 bits: <c>integer</c>.</summary>
        Integer,

        /// <summary>A decimal literal: <c>real</c>.</summary>
        Real,
    }

    /// <summary>Reads a JSON number token (its text is well-formed: it was parsed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Kind TryRead(ReadOnlySpan<byte> number, out long integer, out double real)
    {
        integer = 0;
        real = 0;
        var i = 0;
        var negative = number[0] == '-';
        if (negative)
        {
            i++;
        }

        ulong mantissa = 0;
        var significant = 0;
        var fractionDigits = 0;
        var isInteger = true;
        for (; i < number.Length; i++)
        {
            var c = number[i];
            if ((uint)(c - '0') <= 9)
            {
                if (mantissa != 0 || c != '0')
                {
                    if (++significant > MaxIntegerDigits)
                    {
                        return number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0 ? ReadOtherDecimal(number, out real) : Kind.Other;
                    }

                    mantissa = (mantissa * 10) + (uint)(c - '0');
                }

                if (!isInteger)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && isInteger)
            {
                isInteger = false;
            }
            else
            {
                break;
            }
        }

        if (isInteger && i == number.Length)
        {
            integer = negative ? -(long)mantissa : (long)mantissa;
            return Kind.Integer;
        }

        var exponent = 0;
        if (i < number.Length)
        {
            // An exponent: [eE][+-]?digits.
            i++;
            var negativeExponent = number[i] == '-';
            if (number[i] is (byte)'-' or (byte)'+')
            {
                i++;
            }

            for (; i < number.Length; i++)
            {
                exponent = (exponent * 10) + (number[i] - '0');
                if (exponent > 1000)
                {
                    return ReadOtherDecimal(number, out real);
                }
            }

            exponent = negativeExponent ? -exponent : exponent;
        }

        var power = exponent - fractionDigits;
        if (significant > MaxExactDigits || power > MaxExactPower || power < -MaxExactPower)
        {
            return ReadOtherDecimal(number, out real);
        }

        var value = power >= 0 ? mantissa * s_powersOfTen[power] : mantissa / s_powersOfTen[-power];
        real = negative ? -value : value;
        return Kind.Real;
    }

    /// <summary>
    /// A decimal beyond the exact case, read as <see cref="System.Text.Json.Utf8JsonReader.TryGetDouble"/>
    /// reads it (the same parser and format; finite values only, the rest is the caller's).
    /// </summary>
    private static Kind ReadOtherDecimal(ReadOnlySpan<byte> number, out double real)
    {
        var format = number.IndexOfAny((byte)'e', (byte)'E') >= 0 ? 'e' : default;
        if (Utf8Parser.TryParse(number, out real, out var consumed, format) && consumed == number.Length && double.IsFinite(real))
        {
            return Kind.Real;
        }

        real = 0;
        return Kind.Other;
    }
}
