using System.Runtime.CompilerServices;
using Dlt.Schemas;

namespace Dlt.Normalize;

/// <summary>
/// Where a table's rows go (its <see cref="TableFileWriter"/>), with the column indexes its last rows
/// used, by slot (a system column, or a value's position in the flattened row): rows of one table
/// mostly have the same keys in the same order, so a value finds its column without hashing the
/// name. An index is used only when the table still has that column at that index.
/// </summary>
internal sealed class TableOutput(TableFileWriter writer)
{
    private string?[] _columns = new string?[32];
    private int[] _indexes = new int[32];

    public TableFileWriter Writer { get; } = writer;

    /// <summary>The index of <paramref name="column"/> in <paramref name="table"/> (this output's table), or -1: <see cref="TableSchema.IndexOf"/>, remembered in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(TableSchema table, int slot, string column)
    {
        if (slot < _columns.Length && ReferenceEquals(_columns[slot], column))
        {
            var index = _indexes[slot];
            if ((uint)index < (uint)table.ColumnCount && table.ColumnAt(index).Name is var name && (ReferenceEquals(name, column) || string.Equals(name, column, StringComparison.Ordinal)))
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
