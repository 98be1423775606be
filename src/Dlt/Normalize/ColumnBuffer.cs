using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>The values of one column for the rows buffered in a <see cref="TableFileWriter"/>; unset rows are null.</summary>
internal abstract class ColumnBuffer
{
    private static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public abstract void Set(int row, in Cell value);

    public abstract void Clear(int rows);

    /// <summary>Unsets <paramref name="row"/> (a row a schema contract discards after some of its values were set).</summary>
    public abstract void ClearRow(int row);

    public abstract Column ToParquetColumn(string name);

    /// <summary>Whether Parquet dictionary-encodes the column: worth it for text that repeats, not for fixed-width values.</summary>
    public virtual bool Dictionary => true;

    public abstract void WriteTo(RowGroupWriter rowGroup, int rows);

    /// <summary>The row slots to hold <paramref name="rows"/>: doubling from <paramref name="current"/>, but not past <paramref name="capacity"/> unless needed.</summary>
    protected static int GrownSize(int rows, int current, int capacity) => Math.Min(Math.Max(rows, current * 2), Math.Max(rows, capacity));

    /// <summary>The buffer for a dlt type, holding what ParquetSharp writes for it (nullable values, UTF-8 text or bytes).</summary>
    /// <param name="type">The column's dlt type.</param>
    /// <param name="capacity">The most rows buffered before a flush; arrays grow toward it as rows arrive.</param>
    public static ColumnBuffer Create(DataType type, int capacity) => type switch
    {
        DataType.Text or DataType.Json or DataType.Decimal or DataType.Wei => new Utf8TextBuffer(capacity),
        DataType.Binary => new Binary(capacity),
        DataType.BigInt => new ValueBuffer<long>(static c => c.Int, static name => new Column<long?>(name), capacity),
        DataType.Double => new ValueBuffer<double>(static c => c.Float, static name => new Column<double?>(name), capacity),
        DataType.Bool => new ValueBuffer<bool>(static c => c.AsBool, static name => new Column<bool?>(name), capacity),
        DataType.Timestamp => new ValueBuffer<long>(
            static c => (c.Int - DateTime.UnixEpoch.Ticks) / (TimeSpan.TicksPerMillisecond / 1000),
            static name => new Column<DateTime?>(name, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
            capacity),
        DataType.Date => new ValueBuffer<int>(static c => (int)c.Int - UnixEpochDayNumber, static name => new Column<Date?>(name), capacity),
        DataType.Time => new ValueBuffer<long>(
            static c => c.Int / (TimeSpan.TicksPerMillisecond / 1000),
            static name => new Column<TimeSpan?>(name, LogicalType.Time(isAdjustedToUtc: false, TimeUnit.Micros)),
            capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No column buffer for this data type."),
    };

    /// <summary>Binary values, written through ParquetSharp's logical writer (rare enough not to need more).</summary>
    private sealed class Binary(int capacity) : ColumnBuffer
    {
        private byte[]?[] _values = new byte[]?[Math.Min(capacity, 256)];

        public override void Set(int row, in Cell value)
        {
            if (row >= _values.Length)
            {
                Grow(row + 1);
            }

            _values[row] = value.Bytes;
        }

        public override void Clear(int rows) => Array.Clear(_values, 0, Math.Min(rows, _values.Length));

        public override void ClearRow(int row)
        {
            if (row < _values.Length)
            {
                _values[row] = null;
            }
        }

        public override Column ToParquetColumn(string name) => new Column<byte[]?>(name);

        public override void WriteTo(RowGroupWriter rowGroup, int rows)
        {
            if (rows > _values.Length)
            {
                Grow(rows);
            }

            using var writer = rowGroup.NextColumn().LogicalWriter<byte[]?>();
            writer.WriteBatch(_values, 0, rows);
        }

        private void Grow(int rows) => Array.Resize(ref _values, GrownSize(rows, _values.Length, capacity));
    }
}
