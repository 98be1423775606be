using System.Runtime.CompilerServices;
using Dlt.Schemas;

namespace Dlt.Normalize;

/// <summary>
/// Where a table's rows go (its <see cref="TableFileWriter"/>), with the column indexes its last rows
/// used, by slot (a system column, or a value's position in the flattened row): rows of one table
/// mostly have the same keys in the same order, so a value finds its column without hashing the
/// name. The indexes hold while the table's columns keep their order (<see cref="TableSchema.Layout"/>):
/// columns are only added at the end or replaced in place meanwhile.
/// </summary>
internal sealed class TableOutput(TableFileWriter writer)
{
    private string?[] _columns = new string?[32];
    private int[] _indexes = new int[32];
    private int _layout;
    private KeyName?[] _keys = new KeyName?[32];

    public TableFileWriter Writer { get; } = writer;

    /// <summary>The key the table's last row had at <paramref name="ordinal"/> (its place among the row's keys), for <see cref="NameCache.Key(Storage.JsonTapeProperty, ref KeyName?)"/> to try first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref KeyName? KeyAt(int ordinal)
    {
        if (ordinal >= _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(ordinal + 1, _keys.Length * 2));
        }

        return ref _keys[ordinal];
    }

    /// <summary>The index of <paramref name="column"/> in <paramref name="table"/> (this output's table), or -1: <see cref="TableSchema.IndexOf"/>, remembered in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(TableSchema table, int slot, string column)
    {
        if (_layout != table.Layout)
        {
            Array.Clear(_columns);
            _layout = table.Layout;
        }

        if (slot < _columns.Length && ReferenceEquals(_columns[slot], column))
        {
            // A column not found before may have been added since.
            var index = _indexes[slot];
            if (index >= 0)
            {
                return index;
            }
        }
        else if (slot >= _columns.Length)
        {
            Array.Resize(ref _columns, Math.Max(slot + 1, _columns.Length * 2));
            Array.Resize(ref _indexes, _columns.Length);
        }

        var found = table.IndexOf(column);
        _columns[slot] = column;
        _indexes[slot] = found;
        return found;
    }
}
