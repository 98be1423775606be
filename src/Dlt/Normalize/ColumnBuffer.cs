using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>The values of one column for the rows buffered in a <see cref="TableFileWriter"/>; unset rows are null.</summary>
internal abstract class ColumnBuffer
{
    public abstract void Set(int row, in Cell value);

    /// <summary>Makes room for <paramref name="rows"/> rows.</summary>
    public abstract void EnsureRows(int rows);

    public abstract void Clear(int rows);

    public abstract Column ToParquetColumn(string name);

    public abstract void WriteTo(RowGroupWriter rowGroup, int rows);

    /// <summary>The buffer for a dlt type, holding what ParquetSharp writes for it (nullable values, strings or bytes).</summary>
    public static ColumnBuffer Create(DataType type) => type switch
    {
        DataType.Text or DataType.Json or DataType.Decimal or DataType.Wei => new Typed<string?>(static c => c.Text, null),
        DataType.Binary => new Typed<byte[]?>(static c => c.Bytes, null),
        DataType.BigInt => new Typed<long?>(static c => c.Int, null),
        DataType.Double => new Typed<double?>(static c => c.Float, null),
        DataType.Bool => new Typed<bool?>(static c => c.AsBool, null),
        DataType.Timestamp => new Typed<DateTime?>(static c => c.AsTimestamp, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
        DataType.Date => new Typed<Date?>(static c => new Date(c.AsDate.ToDateTime(TimeOnly.MinValue)), null),
        DataType.Time => new Typed<TimeSpan?>(static c => c.AsTime.ToTimeSpan(), LogicalType.Time(isAdjustedToUtc: false, TimeUnit.Micros)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No column buffer for this data type."),
    };

    private sealed class Typed<T>(Func<Cell, T> read, LogicalType? logicalType) : ColumnBuffer
    {
        private T[] _values = new T[16];

        public override void EnsureRows(int rows)
        {
            if (rows > _values.Length)
            {
                Array.Resize(ref _values, Math.Max(rows, _values.Length * 2));
            }
        }

        public override void Set(int row, in Cell value) => _values[row] = read(value);

        public override void Clear(int rows) => Array.Clear(_values, 0, rows);

        public override Column ToParquetColumn(string name) => new Column<T>(name, logicalType);

        public override void WriteTo(RowGroupWriter rowGroup, int rows)
        {
            using var writer = rowGroup.NextColumn().LogicalWriter<T>();
            writer.WriteBatch(_values, 0, rows);
        }
    }
}
