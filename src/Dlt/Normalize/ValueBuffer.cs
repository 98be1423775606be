using System.Runtime.CompilerServices;
using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>
/// The values of one fixed-width column (bigint, double, bool, timestamp, date, time) in their
/// Parquet physical form, written through ParquetSharp's physical column writer from arrays that
/// are reused from one row group to the next (its logical writer allocates new ones per batch).
/// </summary>
/// <typeparam name="T">The physical type: <c>long</c>, <c>int</c>, <c>double</c> or <c>bool</c>.</typeparam>
/// <param name="toPhysical">A cell as its physical value (for example a timestamp as microseconds since the epoch).</param>
/// <param name="column">The Parquet column of a name, with its logical type.</param>
/// <param name="capacity">The most rows buffered before a flush; arrays grow toward it as rows arrive.</param>
internal sealed class ValueBuffer<T>(Func<Cell, T> toPhysical, Func<string, Column> column, int capacity) : ColumnBuffer
    where T : unmanaged
{
    private T[] _values = new T[Math.Min(capacity, 256)];
    private bool[] _present = new bool[Math.Min(capacity, 256)];
    private T[] _dense = [];
    private short[] _definitionLevels = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Set(int row, in Cell value)
    {
        if (row >= _values.Length)
        {
            Grow(row + 1);
        }

        _values[row] = toPhysical(value);
        _present[row] = true;
    }

    public override void Clear(int rows) => _present.AsSpan(0, Math.Min(rows, _present.Length)).Clear();

    public override void ClearRow(int row)
    {
        if (row < _present.Length)
        {
            _present[row] = false;
        }
    }

    public override Column ToParquetColumn(string name) => column(name);

    /// <summary>Plain: ids, amounts and timestamps rarely repeat, so a dictionary would cost a hash per value for nothing.</summary>
    public override bool Dictionary => false;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void WriteTo(RowGroupWriter rowGroup, int rows)
    {
        if (_dense.Length < rows)
        {
            _dense = new T[Math.Max(rows, capacity)];
            _definitionLevels = new short[_dense.Length];
        }

        var present = 0;
        for (var row = 0; row < rows; row++)
        {
            var isSet = row < _present.Length && _present[row];
            _definitionLevels[row] = isSet ? (short)1 : (short)0;
            if (isSet)
            {
                _dense[present++] = _values[row];
            }
        }

        using var writer = (ColumnWriter<T>)rowGroup.NextColumn();
        writer.WriteBatch(rows, _definitionLevels.AsSpan(0, rows), default, _dense.AsSpan(0, present));
    }

    private void Grow(int rows)
    {
        var size = GrownSize(rows, _values.Length, capacity);
        Array.Resize(ref _values, size);
        Array.Resize(ref _present, size);
    }
}
