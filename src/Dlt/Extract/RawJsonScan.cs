using System.Runtime.CompilerServices;

namespace Dlt.Extract;

/// <summary>
/// One pass over a <see cref="RawJson"/> item's UTF-8 bytes that proves the common item well-formed
/// and tells what its extract line needs, so that most items skip <c>Utf8JsonReader</c>. It never
/// accepts what the reader (<see cref="Storage.ItemJsonLimits.ReaderOptions"/>) refuses; what it does
/// not prove (a malformed item, nesting deeper than <see cref="MaxDepth"/>, an escaped surrogate) is
/// left to the reader, which words the error. Compiled optimized at its first call: a short pipeline
/// run does not spend its first seconds in the runtime's slower tiers of framework code here.
/// </summary>
internal static class RawJsonScan
{
    /// <summary>The deepest nesting this pass proves (one bit per level); deeper items go to the reader.</summary>
    public const int MaxDepth = 63;

    private enum Expect : byte
    {
        Value,
        ValueOrArrayEnd,
        KeyOrObjectEnd,
        Key,
        Colon,
        CommaOrEnd,
        Nothing,
    }

    /// <summary>Whether <paramref name="utf8"/> (valid UTF-8) is proven to be one well-formed JSON value.</summary>
    /// <param name="utf8">The item's bytes, already checked to be UTF-8.</param>
    /// <param name="lineBreak">Whether a line feed or carriage return is among the whitespace (the extract line must then be rewritten).</param>
    /// <param name="mayHaveMarker">Whether a string holds a typed-value marker, raw or escaped (see <see cref="Storage.TypedJsonMarker"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryProveWellFormed(ReadOnlySpan<byte> utf8, out bool lineBreak, out bool mayHaveMarker)
    {
        lineBreak = false;
        mayHaveMarker = false;
        ulong objectLevels = 0; // bit d set: level d + 1 is an object
        var depth = 0;
        var expect = Expect.Value;
        var i = 0;
        while (true)
        {
            while (i < utf8.Length && utf8[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                lineBreak |= utf8[i] is (byte)'\n' or (byte)'\r';
                i++;
            }

            if (i == utf8.Length)
            {
                return expect == Expect.Nothing;
            }

            var c = utf8[i];
            switch (expect)
            {
                case Expect.Nothing:
                    return false;
                case Expect.Colon:
                    if (c != ':')
                    {
                        return false;
                    }

                    i++;
                    expect = Expect.Value;
                    continue;
                case Expect.Key or Expect.KeyOrObjectEnd:
                    if (c == '}' && expect == Expect.KeyOrObjectEnd)
                    {
                        i++;
                        depth--;
                        expect = depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;
                        continue;
                    }

                    if (c != '"' || !TrySkipString(utf8, ref i, ref mayHaveMarker))
                    {
                        return false;
                    }

                    expect = Expect.Colon;
                    continue;
                case Expect.CommaOrEnd:
                    var inObject = (objectLevels & (1UL << (depth - 1))) != 0;
                    if (c == ',')
                    {
                        i++;
                        expect = inObject ? Expect.Key : Expect.Value;
                        continue;
                    }

                    if (c != (inObject ? '}' : ']'))
                    {
                        return false;
                    }

                    i++;
                    depth--;
                    expect = depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;
                    continue;
            }

            // A value, or the end of an empty array.
            if (c == ']' && expect == Expect.ValueOrArrayEnd)
            {
                i++;
                depth--;
                expect = depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;
                continue;
            }

            if (c is (byte)'{' or (byte)'[')
            {
                if (depth == MaxDepth)
                {
                    return false;
                }

                objectLevels = c == '{' ? objectLevels | (1UL << depth) : objectLevels & ~(1UL << depth);
                depth++;
                i++;
                expect = c == '{' ? Expect.KeyOrObjectEnd : Expect.ValueOrArrayEnd;
                continue;
            }

            var scalar = c switch
            {
                (byte)'"' => TrySkipString(utf8, ref i, ref mayHaveMarker),
                (byte)'t' => TrySkipLiteral(utf8, ref i, "true"u8),
                (byte)'f' => TrySkipLiteral(utf8, ref i, "false"u8),
                (byte)'n' => TrySkipLiteral(utf8, ref i, "null"u8),
                (byte)'-' or (>= (byte)'0' and <= (byte)'9') => TrySkipNumber(utf8, ref i),
                _ => false,
            };
            if (!scalar)
            {
                return false;
            }

            expect = depth == 0 ? Expect.Nothing : Expect.CommaOrEnd;
        }
    }

    /// <summary>Skips a string from its opening quote at <paramref name="i"/> to after its closing one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipString(ReadOnlySpan<byte> utf8, ref int i, ref bool mayHaveMarker)
    {
        var p = i + 1;
        while (p < utf8.Length)
        {
            var c = utf8[p];
            if (c == '"')
            {
                i = p + 1;
                return true;
            }

            if (c < 0x20)
            {
                return false;
            }

            if (c == '\\')
            {
                if (!TrySkipEscape(utf8, ref p, ref mayHaveMarker))
                {
                    return false;
                }

                continue;
            }

            // Markers U+F026..U+F02E are EF 80 A6..AE in UTF-8.
            if (c == 0xEF && p + 2 < utf8.Length && utf8[p + 1] == 0x80 && utf8[p + 2] is >= 0xA6 and <= 0xAE)
            {
                mayHaveMarker = true;
            }

            p++;
        }

        return false;
    }

    /// <summary>Skips an escape at <paramref name="p"/> (its backslash); a surrogate escape is left to the reader.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipEscape(ReadOnlySpan<byte> utf8, ref int p, ref bool mayHaveMarker)
    {
        if (p + 1 >= utf8.Length)
        {
            return false;
        }

        switch (utf8[p + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                p += 2;
                return true;
            case (byte)'u':
                if (p + 5 >= utf8.Length)
                {
                    return false;
                }

                var unit = 0;
                for (var k = p + 2; k < p + 6; k++)
                {
                    var digit = HexValue(utf8[k]);
                    if (digit < 0)
                    {
                        return false;
                    }

                    unit = (unit << 4) | digit;
                }

                if (unit is >= 0xD800 and <= 0xDFFF)
                {
                    return false;
                }

                // The marker check of the extract files looks for any escaped U+F02x.
                mayHaveMarker |= unit is >= 0xF020 and <= 0xF02F;
                p += 6;
                return true;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipLiteral(ReadOnlySpan<byte> utf8, ref int i, ReadOnlySpan<byte> literal)
    {
        if (utf8.Length - i < literal.Length)
        {
            return false;
        }

        for (var k = 1; k < literal.Length; k++)
        {
            if (utf8[i + k] != literal[k])
            {
                return false;
            }
        }

        i += literal.Length;
        return true;
    }

    /// <summary>Skips a number by JSON's grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipNumber(ReadOnlySpan<byte> utf8, ref int i)
    {
        var p = i;
        if (utf8[p] == '-')
        {
            p++;
        }

        if (p == utf8.Length || !IsDigit(utf8[p]))
        {
            return false;
        }

        if (utf8[p] == '0')
        {
            p++;
        }
        else
        {
            p = SkipDigits(utf8, p);
        }

        if (p < utf8.Length && utf8[p] == '.')
        {
            p++;
            if (p == utf8.Length || !IsDigit(utf8[p]))
            {
                return false;
            }

            p = SkipDigits(utf8, p);
        }

        if (p < utf8.Length && utf8[p] is (byte)'e' or (byte)'E')
        {
            p++;
            if (p < utf8.Length && utf8[p] is (byte)'+' or (byte)'-')
            {
                p++;
            }

            if (p == utf8.Length || !IsDigit(utf8[p]))
            {
                return false;
            }

            p = SkipDigits(utf8, p);
        }

        i = p;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipDigits(ReadOnlySpan<byte> utf8, int p)
    {
        while (p < utf8.Length && IsDigit(utf8[p]))
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;
}
