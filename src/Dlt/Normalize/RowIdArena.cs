using System.Runtime.CompilerServices;
using System.Text;

namespace Dlt.Normalize;

/// <summary>A row id held in a <see cref="RowIdArena"/>: where its UTF-8 bytes are.</summary>
internal readonly record struct RowId(int Start, int Length);

/// <summary>
/// The row ids of the item being normalized, as UTF-8 in one buffer that the next item reuses: a
/// row's id is written to its <c>_dlt_id</c> column and hashed into its children's ids, and none of
/// that needs a string. Random root ids are drawn in blocks.
/// </summary>
internal sealed class RowIdArena
{
    private const int RandomBlock = 1024;

    private readonly byte[] _random = new byte[RandomBlock * IdHash.IdLengthChars];
    private int _nextRandom = RandomBlock;
    private byte[] _bytes = new byte[4096];
    private int _used;

    /// <summary>The bytes of <paramref name="id"/>, valid until the next <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> this[RowId id] => _bytes.AsSpan(id.Start, id.Length);

    /// <summary>Forgets every id: the next item starts.</summary>
    public void Reset() => _used = 0;

    /// <summary>A new random root row id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RowId NextRandom()
    {
        if (_nextRandom == RandomBlock)
        {
            IdHash.WriteRandomRowIds(_random);
            _nextRandom = 0;
        }

        return Add(_random.AsSpan(_nextRandom++ * IdHash.IdLengthChars, IdHash.IdLengthChars));
    }

    /// <summary>An id the data brought itself (its own <c>_dlt_id</c>).</summary>
    public RowId Add(string text)
    {
        var start = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(start));
        _used += length;
        return new RowId(start, length);
    }

    /// <summary>The ids of the rows at list positions <paramref name="firstIndex"/> onward of <paramref name="parent"/>'s list in <paramref name="childTable"/>.</summary>
    public void AddChildIds(RowId parent, string childTable, int firstIndex, Span<RowId> ids)
    {
        Span<byte> table = stackalloc byte[Encoding.UTF8.GetMaxByteCount(childTable.Length)];
        table = table[..Encoding.UTF8.GetBytes(childTable, table)];
        var start = Reserve(ids.Length * IdHash.IdLengthChars);
        IdHash.WriteChildRowIds(this[parent], table, firstIndex, _bytes.AsSpan(start, ids.Length * IdHash.IdLengthChars));
        Assign(start, ids);
    }

    /// <summary>
    /// The ids of all the rows of several lists of <paramref name="parent"/>, hashed together:
    /// list <c>i</c> has <c>counts[i]</c> rows in child table <c>childTables[i]</c>, and its ids
    /// follow those of list <c>i - 1</c> in <paramref name="ids"/>.
    /// </summary>
    public void AddChildIds(RowId parent, IReadOnlyList<string> childTables, IReadOnlyList<int> counts, Span<RowId> ids)
    {
        var start = Reserve(ids.Length * IdHash.IdLengthChars);
        var batch = new IdHash.ChildRowIdBatch(_bytes.AsSpan(start, ids.Length * IdHash.IdLengthChars));
        var parentId = this[parent];
        Span<byte> table = stackalloc byte[256];
        for (var list = 0; list < childTables.Count; list++)
        {
            var name = childTables[list];
            var utf8 = Encoding.UTF8.GetMaxByteCount(name.Length) <= table.Length ? table : new byte[Encoding.UTF8.GetMaxByteCount(name.Length)];
            utf8 = utf8[..Encoding.UTF8.GetBytes(name, utf8)];
            for (var index = 0; index < counts[list]; index++)
            {
                batch.Add(parentId, utf8, index);
            }
        }

        batch.Flush();
        Assign(start, ids);
    }

    private void Assign(int start, Span<RowId> ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new RowId(start + (i * IdHash.IdLengthChars), IdHash.IdLengthChars);
        }

        _used += ids.Length * IdHash.IdLengthChars;
    }

    private RowId Add(ReadOnlySpan<byte> utf8)
    {
        var start = Reserve(utf8.Length);
        utf8.CopyTo(_bytes.AsSpan(start));
        _used += utf8.Length;
        return new RowId(start, utf8.Length);
    }

    private int Reserve(int bytes)
    {
        if (_bytes.Length - _used < bytes)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + bytes));
        }

        return _used;
    }
}
