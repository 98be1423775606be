using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Dlt.Schemas;

namespace Dlt.Normalize;

/// <summary>
/// The <c>_dlt_id</c> values rows of one package brought themselves, per table, across every file,
/// segment and normalize worker, so that no two rows of a table get one id (PostgreSQL rejects them on
/// its unique key, DuckDB keeps both and child rows lose their parent). Each value is held as its
/// 16-byte MD5 with the segment that first had it: about 80 bytes per such row while the package is
/// normalized. Ids the normalizer makes are unique by construction and are not recorded.
/// </summary>
internal sealed class OwnRowIds
{
    private readonly ConcurrentDictionary<(string Table, UInt128 Id), string> _owners = new();

    /// <summary>The checks of one normalize run over some segments, named by <paramref name="owner"/>; a run of the same segments again (after a schema conflict) does not clash with the ids of its first run.</summary>
    public Scope For(string owner) => new(this, owner);

    /// <summary>Checks the ids of one normalize run: against each other, and against the ids of other runs of the package.</summary>
    internal sealed class Scope(OwnRowIds package, string owner)
    {
        private readonly HashSet<(string Table, UInt128 Id)> _seen = [];

        /// <summary>Records <paramref name="id"/> for <paramref name="table"/>; fails when a row of the table already carries it.</summary>
        /// <exception cref="NormalizeException">Another row of the table, in this run or another one of the package, has the id.</exception>
        public void Add(string table, string id)
        {
            Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
            var maxBytes = Encoding.UTF8.GetMaxByteCount(id.Length);
            var rented = maxBytes > 512 ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
            Span<byte> utf8 = rented ?? stackalloc byte[512];
            MD5.HashData(utf8[..Encoding.UTF8.GetBytes(id, utf8)], digest);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            var key = (table, MemoryMarshal.Read<UInt128>(digest));
            if (!_seen.Add(key))
            {
                throw Duplicate(table, id, null);
            }

            var first = package._owners.GetOrAdd(key, owner);
            if (first != owner)
            {
                throw Duplicate(table, id, first);
            }
        }

        private static NormalizeException Duplicate(string table, string id, string? otherSegment) => new(
            $"Two rows of table '{table}' carry the same {Schema.IdColumn} '{id}'{(otherSegment is null ? "" : $" (the other one is in {otherSegment})")}. " +
            $"Every row needs its own {Schema.IdColumn}: make the values of the {Schema.IdColumn} field unique, or drop the field and let the normalizer make the ids.");
    }
}
