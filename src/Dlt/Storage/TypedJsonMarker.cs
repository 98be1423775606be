using System.Runtime.CompilerServices;

namespace Dlt.Storage;

/// <summary>
/// dlt's typed-jsonl markers: a string value whose first character is one of these private-use
/// characters carries a type that JSON alone would lose. <see cref="Literal"/> is ours: it marks a
/// user string that happens to start with a marker, so user text is never decoded as a typed value.
/// </summary>
internal static class TypedJsonMarker
{
    public const char Decimal = '\uF026';
    public const char DateTime = '\uF027';
    public const char Date = '\uF028';
    public const char Uuid = '\uF029';
    public const char HexBytes = '\uF02A';
    public const char Bytes = '\uF02B';
    public const char Wei = '\uF02C';
    public const char Time = '\uF02D';
    public const char Literal = '\uF02E';

    public static bool IsMarker(char c) => c is >= Decimal and <= Literal;

    /// <summary>
    /// Whether UTF-8 JSON may hold a string with a marker: markers U+F026..U+F02E are EF 80 A6..AE
    /// in UTF-8; escaped forms (\uf026) are also checked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool MayContainMarker(ReadOnlySpan<byte> utf8)
    {
        for (var i = utf8.IndexOf((byte)0xEF); i >= 0 && i + 2 < utf8.Length; i = NextIndex(utf8, i + 1))
        {
            if (utf8[i + 1] == 0x80 && utf8[i + 2] is >= 0xA6 and <= 0xAE)
            {
                return true;
            }
        }

        return utf8.IndexOf("\\uf02"u8) >= 0 || utf8.IndexOf("\\uF02"u8) >= 0;
    }

    private static int NextIndex(ReadOnlySpan<byte> utf8, int start)
    {
        var next = utf8[start..].IndexOf((byte)0xEF);
        return next < 0 ? -1 : start + next;
    }
}
