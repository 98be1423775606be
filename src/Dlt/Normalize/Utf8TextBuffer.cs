using System.Runtime.CompilerServices;
using Utf8 = System.Text.Encoding;
using ParquetSharp;

namespace Dlt.Normalize;

/// <summary>
/// The text values of one column (text, json, decimal, wei) as UTF-8 in one pinned byte buffer,
/// handed to Parquet as <c>BYTE_ARRAY</c> values that point into it: no string per value on the
/// way out, and values that arrive as UTF-8 (<see cref="SetUtf8"/>) are copied once.
/// </summary>
internal sealed class Utf8TextBuffer(int capacity) : ColumnBuffer
{
    private const int Null = -1;

    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
    private int _used;
    private int[] _starts = new int[Math.Min(capacity, 256)];
    private int[] _lengths = NewLengths(Math.Min(capacity, 256));
    private ByteArray[] _values = [];
    private short[] _definitionLevels = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Set(int row, in Cell value)
    {
        var text = value.Text!;
        var start = Reserve(row, Utf8.UTF8.GetMaxByteCount(text.Length));
        End(row, start, Utf8.UTF8.GetBytes(text, _bytes.AsSpan(start)));
    }

    /// <summary>Sets the value of <paramref name="row"/> from text that is already UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetUtf8(int row, ReadOnlySpan<byte> utf8)
    {
        var start = Reserve(row, utf8.Length);
        utf8.CopyTo(_bytes.AsSpan(start));
        End(row, start, utf8.Length);
    }

    public override void Clear(int rows)
    {
        _lengths.AsSpan(0, Math.Min(rows, _lengths.Length)).Fill(Null);
        _used = 0;
    }

    /// <summary>The row's bytes stay in the buffer until the next flush; only its length is unset.</summary>
    public override void ClearRow(int row)
    {
        if (row < _lengths.Length)
        {
            _lengths[row] = Null;
        }
    }

    public override Column ToParquetColumn(string name) => new Column<string>(name);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override unsafe void WriteTo(RowGroupWriter rowGroup, int rows)
    {
        if (_values.Length < rows)
        {
            _values = new ByteArray[Math.Max(rows, capacity)];
            _definitionLevels = new short[_values.Length];
        }

        var present = 0;
        fixed (byte* bytes = _bytes)
        {
            for (var row = 0; row < rows; row++)
            {
                var length = row < _lengths.Length ? _lengths[row] : Null;
                _definitionLevels[row] = length == Null ? (short)0 : (short)1;
                if (length != Null)
                {
                    _values[present++] = new ByteArray((IntPtr)(bytes + _starts[row]), length);
                }
            }

            using var writer = (ColumnWriter<ByteArray>)rowGroup.NextColumn();
            writer.WriteBatch(rows, _definitionLevels.AsSpan(0, rows), default, _values.AsSpan(0, present));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Reserve(int row, int maxBytes)
    {
        if (row >= _lengths.Length)
        {
            var rows = GrownSize(row + 1, _lengths.Length, capacity);
            Array.Resize(ref _starts, rows);
            var lengths = NewLengths(rows);
            _lengths.CopyTo(lengths, 0);
            _lengths = lengths;
        }

        if (_bytes.Length - _used < maxBytes)
        {
            var bytes = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(_bytes.Length * 2L, _used + (long)maxBytes)), pinned: true);
            _bytes.AsSpan(0, _used).CopyTo(bytes);
            _bytes = bytes;
        }

        return _used;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void End(int row, int start, int length)
    {
        _starts[row] = start;
        _lengths[row] = length;
        _used = start + length;
    }

    private static int[] NewLengths(int rows)
    {
        var lengths = new int[rows];
        lengths.AsSpan().Fill(Null);
        return lengths;
    }
}
