using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace Dlt.Storage;

/// <summary>
/// One JSON item as a flat list of tokens (where each value's text lies, how far its subtree
/// reaches), reused from item to item: the extract checks each raw item with it
/// (<see cref="TryCheck"/>) and the normalizer walks each line of an extract file on it
/// (<see cref="Parse"/>, <see cref="Root"/>), without a <see cref="JsonDocument"/> or a reader per
/// item: code of ours, compiled optimized at first call, which a short run does not spend its first
/// seconds running in the runtime's slower tiers. It accepts exactly the JSON that System.Text.Json
/// accepts with <see cref="ItemJsonLimits"/>; on anything else <see cref="Parse"/> lets
/// <see cref="JsonDocument"/> word the error. Values are read as System.Text.Json reads them (its
/// reader decodes escaped strings and numbers).
/// </summary>
internal sealed class JsonTape
{
    private const JsonValueKind PropertyName = JsonValueKind.Undefined;

    /// <summary>The first byte of a typed-value marker in UTF-8.</summary>
    private const byte MarkerLead = 0xEF;

    private ReadOnlyMemory<byte> _json;
    private Token[] _tokens = new Token[256];
    private int[] _open = new int[32];
    private int _count;

    /// <summary>The item's root value, after <see cref="Parse"/>.</summary>
    public JsonTapeValue Root => new(this, 0);

    /// <summary>Whether the last item checked or parsed has a line feed or carriage return (as whitespace: strings cannot hold one).</summary>
    public bool LineBreak { get; private set; }

    /// <summary>Whether a string or name of the last item holds a typed-value marker, raw or escaped (<see cref="TypedJsonMarker"/>; any escaped U+F02x counts).</summary>
    public bool MayHaveMarker { get; private set; }

    /// <summary>Whether <paramref name="json"/> is one well-formed JSON value; sets <see cref="LineBreak"/> and <see cref="MayHaveMarker"/>. The tape is then not for reading.</summary>
    public bool TryCheck(ReadOnlySpan<byte> json)
    {
        _json = default;
        return TryParse<CheckOnly>(json);
    }

    /// <summary>Parses one JSON value (the tape then refers to <paramref name="json"/>); throws <see cref="JsonException"/> as <see cref="JsonDocument"/> does when it is not well-formed.</summary>
    public void Parse(ReadOnlyMemory<byte> json)
    {
        _json = json;
        if (!TryParse<Tokens>(json.Span))
        {
            // Not ours to word: the document parser names the problem and its position.
            using var document = JsonDocument.Parse(json, ItemJsonLimits.DocumentOptions);
            throw new InvalidOperationException("An item that System.Text.Json parses was refused by the normalizer's JSON reader.");
        }
    }

    /// <summary>
    /// The parse loop of <see cref="TryCheck"/> (<see cref="CheckOnly"/>: the grammar only, a container's
    /// kind per depth) and <see cref="Parse"/> (<see cref="Tokens"/>: the tape); the JIT compiles one
    /// loop per mode, without the other's work.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParse<TMode>(ReadOnlySpan<byte> json)
        where TMode : struct, IParseMode
    {
        _count = 0;
        LineBreak = false;
        MayHaveMarker = false;
        var lineBreak = false;
        var marker = false;
        var depth = 0;
        var container = -1;
        var inObject = false;
        var i = 0;
        while (true)
        {
            // At a value: an object's property name and colon first, or the next element of an array.
            if (inObject)
            {
                i = SkipWhitespace(json, i, ref lineBreak);
                var nameStart = i;
                if (i == json.Length || json[i] != '"' || !TrySkipString(json, ref i, out var nameEscaped, out var nameMarker))
                {
                    return false;
                }

                marker |= nameMarker;
                if (TMode.RecordsTokens)
                {
                    Add(PropertyName, nameStart, i, nameEscaped, nameMarker);
                    _tokens[container].Count++;
                }

                i = SkipWhitespace(json, i, ref lineBreak);
                if (i == json.Length || json[i] != ':')
                {
                    return false;
                }

                i++;
            }
            else if (TMode.RecordsTokens && container >= 0)
            {
                _tokens[container].Count++;
            }

            i = SkipWhitespace(json, i, ref lineBreak);
            if (i == json.Length)
            {
                return false;
            }

            var c = json[i];
            if (c is (byte)'{' or (byte)'[')
            {
                if (depth >= ItemJsonLimits.MaxDepth)
                {
                    return false;
                }

                if (depth == _open.Length)
                {
                    Array.Resize(ref _open, depth * 2);
                }

                inObject = c == '{';
                container = _open[depth++] = TMode.RecordsTokens
                    ? Add(inObject ? JsonValueKind.Object : JsonValueKind.Array, i, 0, escaped: false, hasMarker: false)
                    : (inObject ? 1 : 0);
                i = SkipWhitespace(json, i + 1, ref lineBreak);
                if (i == json.Length || json[i] != (inObject ? '}' : ']'))
                {
                    continue;
                }

                Close<TMode>(ref i, ref depth, ref container, ref inObject);
            }
            else
            {
                var start = i;
                var escaped = false;
                var stringMarker = false;
                var kind = c switch
                {
                    (byte)'"' => TrySkipString(json, ref i, out escaped, out stringMarker) ? JsonValueKind.String : PropertyName,
                    (byte)'t' => TrySkipLiteral(json, ref i, "true"u8) ? JsonValueKind.True : PropertyName,
                    (byte)'f' => TrySkipLiteral(json, ref i, "false"u8) ? JsonValueKind.False : PropertyName,
                    (byte)'n' => TrySkipLiteral(json, ref i, "null"u8) ? JsonValueKind.Null : PropertyName,
                    (byte)'-' or (>= (byte)'0' and <= (byte)'9') => TrySkipNumber(json, ref i) ? JsonValueKind.Number : PropertyName,
                    _ => PropertyName,
                };
                if (kind == PropertyName)
                {
                    return false;
                }

                marker |= stringMarker;
                if (TMode.RecordsTokens)
                {
                    Add(kind, start, i, escaped, stringMarker);
                }
            }

            // After a value: a comma goes on to the next one, closing brackets end containers, and the
            // root value must be all there is.
            while (true)
            {
                i = SkipWhitespace(json, i, ref lineBreak);
                if (depth == 0)
                {
                    LineBreak = lineBreak;
                    MayHaveMarker = marker;
                    return i == json.Length;
                }

                if (i == json.Length)
                {
                    return false;
                }

                c = json[i];
                if (c == ',')
                {
                    i++;
                    break;
                }

                if (c != (inObject ? '}' : ']'))
                {
                    return false;
                }

                Close<TMode>(ref i, ref depth, ref container, ref inObject);
            }
        }
    }

    /// <summary>Skips JSON whitespace from <paramref name="i"/>, noting line feeds and carriage returns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i, ref bool lineBreak)
    {
        while (i < json.Length && json[i] <= ' ')
        {
            switch (json[i])
            {
                case (byte)' ' or (byte)'\t':
                    break;
                case (byte)'\n' or (byte)'\r':
                    lineBreak = true;
                    break;
                default:
                    return i;
            }

            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Add(JsonValueKind kind, int start, int end, bool escaped, bool hasMarker)
    {
        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _count * 2);
        }

        var index = _count++;
        _tokens[index] = new Token { Kind = kind, Escaped = escaped, HasMarker = hasMarker, Start = start, End = end, Next = index + 1 };
        return index;
    }

    /// <summary>
    /// Ends the innermost container at its closing bracket at <paramref name="i"/>; the one around it
    /// becomes the innermost. <paramref name="container"/> is its token, or without tokens 1 for an
    /// object and 0 for an array (as <see cref="_open"/> holds them then).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Close<TMode>(ref int i, ref int depth, ref int container, ref bool inObject)
        where TMode : struct, IParseMode
    {
        if (!TMode.RecordsTokens)
        {
            i++;
            container = --depth == 0 ? -1 : _open[depth - 1];
            inObject = container == 1;
            return;
        }

        ref var token = ref _tokens[container];
        token.End = ++i;
        token.Next = _count;
        container = --depth == 0 ? -1 : _open[depth - 1];
        inObject = container >= 0 && _tokens[container].Kind == JsonValueKind.Object;
    }

    /// <summary>What a parse keeps besides checking the grammar.</summary>
    private interface IParseMode
    {
        static abstract bool RecordsTokens { get; }
    }

    /// <summary>The tape of tokens, for reading the item.</summary>
    private struct Tokens : IParseMode
    {
        public static bool RecordsTokens => true;
    }

    /// <summary>Nothing: whether the item is well-formed, and the flags.</summary>
    private struct CheckOnly : IParseMode
    {
        public static bool RecordsTokens => false;
    }

    /// <summary>Skips a string from its opening quote at <paramref name="i"/> to after its closing one, noting escapes and typed-value markers in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipString(ReadOnlySpan<byte> json, ref int i, out bool escaped, out bool marker)
    {
        escaped = false;
        marker = false;
        var p = i + 1;
        while (true)
        {
            p = SkipStringText(json, p);
            if (p == json.Length)
            {
                return false;
            }

            var c = json[p];
            if (c == '"')
            {
                i = p + 1;
                return true;
            }

            if (c < 0x20)
            {
                return false;
            }

            if (c == MarkerLead)
            {
                // Markers U+F026..U+F02E are EF 80 A6..AE in UTF-8.
                marker |= p + 2 < json.Length && json[p + 1] == 0x80 && json[p + 2] is >= 0xA6 and <= 0xAE;
                p++;
                continue;
            }

            escaped = true;
            if (++p == json.Length)
            {
                return false;
            }

            switch (json[p])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    p++;
                    break;
                case (byte)'u':
                    var unit = 0;
                    for (var k = p + 1; k <= p + 4; k++)
                    {
                        var digit = k < json.Length ? HexValue(json[k]) : -1;
                        if (digit < 0)
                        {
                            return false;
                        }

                        unit = (unit << 4) | digit;
                    }

                    marker |= unit is >= 0xF020 and <= 0xF02F;
                    p += 5;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The position of the first byte from <paramref name="p"/> on that ends a string's plain text: a quote,
    /// a backslash, a control character or a marker's lead byte; the span's length when there is none.
    /// Sixteen bytes at a time where the span holds them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipStringText(ReadOnlySpan<byte> json, int p)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(json);
            while (p <= json.Length - Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref first, (nuint)p);
                var stops = Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                    | Vector128.Equals(bytes, Vector128.Create(MarkerLead))
                    | Vector128.LessThan(bytes, Vector128.Create((byte)0x20));
                var mask = stops.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return p + BitOperations.TrailingZeroCount(mask);
                }

                p += Vector128<byte>.Count;
            }
        }

        while (p < json.Length && json[p] is not ((byte)'"' or (byte)'\\' or MarkerLead or < 0x20))
        {
            p++;
        }

        return p;
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
    private static bool TrySkipLiteral(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> literal)
    {
        if (json.Length - i < literal.Length)
        {
            return false;
        }

        for (var k = 1; k < literal.Length; k++)
        {
            if (json[i + k] != literal[k])
            {
                return false;
            }
        }

        i += literal.Length;
        return true;
    }

    /// <summary>Skips a number by JSON's grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySkipNumber(ReadOnlySpan<byte> json, ref int i)
    {
        var p = i;
        if (json[p] == '-')
        {
            p++;
        }

        if (p == json.Length || !IsDigit(json[p]))
        {
            return false;
        }

        p = json[p] == '0' ? p + 1 : SkipDigits(json, p);
        if (p < json.Length && json[p] == '.')
        {
            if (++p == json.Length || !IsDigit(json[p]))
            {
                return false;
            }

            p = SkipDigits(json, p);
        }

        if (p < json.Length && json[p] is (byte)'e' or (byte)'E')
        {
            if (++p < json.Length && json[p] is (byte)'+' or (byte)'-')
            {
                p++;
            }

            if (p == json.Length || !IsDigit(json[p]))
            {
                return false;
            }

            p = SkipDigits(json, p);
        }

        i = p;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipDigits(ReadOnlySpan<byte> json, int p)
    {
        while (p < json.Length && IsDigit(json[p]))
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    internal JsonValueKind KindAt(int index) => _tokens[index].Kind;

    internal int NextAt(int index) => _tokens[index].Next;

    internal int CountAt(int index) => _tokens[index].Count;

    /// <summary>Whether a string's bytes between its quotes are its text as it is, with no marker: no escape, no typed-value marker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool IsPlainStringAt(int index)
    {
        ref readonly var token = ref _tokens[index];
        return token.Kind == JsonValueKind.String && !token.Escaped && !token.HasMarker;
    }

    /// <summary>The token's text as it lies in the line (a string or name with its quotes).</summary>
    internal ReadOnlySpan<byte> RawAt(int index)
    {
        ref readonly var token = ref _tokens[index];
        return _json.Span[token.Start..token.End];
    }

    /// <summary>A string's or name's text: decoded as UTF-8, or by System.Text.Json's reader when it holds escapes.</summary>
    internal string StringAt(int index)
    {
        var raw = RawAt(index);
        if (!_tokens[index].Escaped)
        {
            return Encoding.UTF8.GetString(raw[1..^1]);
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>A number's value as a 64-bit integer, when it is one, as <see cref="JsonElement.TryGetInt64"/> reads it.</summary>
    internal bool TryGetInt64At(int index, out long value)
    {
        var reader = new Utf8JsonReader(RawAt(index));
        reader.Read();
        return reader.TryGetInt64(out value);
    }

    /// <summary>A number's value as a double, as <see cref="JsonElement.GetDouble"/> reads it (and fails).</summary>
    internal double DoubleAt(int index)
    {
        var reader = new Utf8JsonReader(RawAt(index));
        reader.Read();
        return reader.GetDouble();
    }

    private struct Token
    {
        public JsonValueKind Kind;
        public bool Escaped;

        /// <summary>A string or name holds a typed-value marker, raw or escaped.</summary>
        public bool HasMarker;
        public int Start;
        public int End;

        /// <summary>The index of the token after this value (and its subtree).</summary>
        public int Next;

        /// <summary>The elements of an array, the properties of an object.</summary>
        public int Count;
    }
}
