namespace Dlt.Normalize;

/// <summary>
/// One typed value on its way from a data item into a column buffer, without boxing:
/// integers, bools (0/1), timestamps (UTC ticks), dates (day number) and times (ticks) in
/// <see cref="Int"/>; doubles in <see cref="Float"/>; text, json, decimal and wei in <see cref="Text"/>; bytes in <see cref="Bytes"/>.
/// </summary>
internal readonly struct Cell
{
    private Cell(DataType type, long integer, double number, string? text, byte[]? bytes)
    {
        Type = type;
        Int = integer;
        Float = number;
        Text = text;
        Bytes = bytes;
    }

    public DataType Type { get; }

    public long Int { get; }

    public double Float { get; }

    public string? Text { get; }

    public byte[]? Bytes { get; }

    public static Cell OfText(DataType type, string text) => new(type, 0, 0, text, null);

    public static Cell OfInt(DataType type, long value) => new(type, value, 0, null, null);

    public static Cell OfDouble(double value) => new(DataType.Double, 0, value, null, null);

    public static Cell OfBool(bool value) => new(DataType.Bool, value ? 1 : 0, 0, null, null);

    public static Cell OfTimestamp(DateTime utc) => new(DataType.Timestamp, utc.Ticks, 0, null, null);

    public static Cell OfDate(DateOnly date) => new(DataType.Date, date.DayNumber, 0, null, null);

    public static Cell OfTime(TimeOnly time) => new(DataType.Time, time.Ticks, 0, null, null);

    public static Cell OfBinary(byte[] bytes) => new(DataType.Binary, 0, 0, null, bytes);

    public DateTime AsTimestamp => new(Int, DateTimeKind.Utc);

    public DateOnly AsDate => DateOnly.FromDayNumber((int)Int);

    public TimeOnly AsTime => new(Int);

    public bool AsBool => Int != 0;
}
