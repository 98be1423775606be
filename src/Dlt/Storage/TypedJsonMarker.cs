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
}
