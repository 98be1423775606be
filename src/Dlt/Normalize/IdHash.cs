using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Dlt.Schemas.Naming;

namespace Dlt.Normalize;

/// <summary>
/// Row ids (<c>_dlt_id</c>) as dlt makes them: 10 bytes (<c>DLT_ID_LENGTH_BYTES</c>) written in
/// standard base64 without <c>=</c> padding, 14 characters; written here as UTF-8.
/// </summary>
internal static class IdHash
{
    /// <summary>The number of bytes behind a row id.</summary>
    public const int IdLengthBytes = 10;

    /// <summary>The number of characters (and UTF-8 bytes) of a row id: base64 of 10 bytes without padding.</summary>
    public const int IdLengthChars = 14;

    // The longest list index: "-2147483648".
    private const int MaxIndexDigits = 11;

    /// <summary>
    /// The deterministic ids of the rows at list positions <paramref name="firstIndex"/> onward of one
    /// parent row in one child table, one per <see cref="IdLengthChars"/> bytes of <paramref name="ids"/>:
    /// dlt's <c>digest128(f"{parent_row_id}_{child_table}_{list_idx}", 10)</c>, the SHAKE128 digest
    /// of that text in base64 without padding. Hashed <see cref="Shake128Hash.Parallel"/> at a time.
    /// </summary>
    public static void WriteChildRowIds(ReadOnlySpan<byte> parentRowId, ReadOnlySpan<byte> childTable, int firstIndex, Span<byte> ids)
    {
        var batch = new ChildRowIdBatch(ids);
        for (var i = 0; i < ids.Length / IdLengthChars; i++)
        {
            batch.Add(parentRowId, childTable, firstIndex + i);
        }

        batch.Flush();
    }

    /// <summary>
    /// Child row ids (see <see cref="WriteChildRowIds"/>) of any parents, tables and list positions,
    /// written one after another into a buffer and hashed <see cref="Shake128Hash.Parallel"/> at a
    /// time, so that the short lists of one row fill the vectors together.
    /// </summary>
    internal ref struct ChildRowIdBatch
    {
        private readonly Span<byte> _ids;
        private MessageBuffer _messages;
        private LengthBuffer _lengths;
        private int _written;
        private int _pending;
        private int _used;

        /// <param name="ids">Receives the ids, <see cref="IdLengthChars"/> bytes each, in the order they are added.</param>
        public ChildRowIdBatch(Span<byte> ids)
        {
            _ids = ids;
        }

        /// <summary>Adds the id of the row at <paramref name="listIndex"/> of <paramref name="parentRowId"/>'s list in <paramref name="childTable"/>: the inputs are copied, the id is written by this or a later call, or by <see cref="Flush"/>.</summary>
        public void Add(scoped ReadOnlySpan<byte> parentRowId, scoped ReadOnlySpan<byte> childTable, int listIndex)
        {
            if (parentRowId.Length + childTable.Length + 2 + MaxIndexDigits > Shake128Hash.MaxShortMessage)
            {
                Flush();
                var message = new byte[parentRowId.Length + childTable.Length + 2 + MaxIndexDigits];
                Span<byte> digest = stackalloc byte[IdLengthBytes];
                Shake128Hash.HashData(message.AsSpan(0, WriteMessage(parentRowId, childTable, listIndex, message)), digest);
                WriteBase64Id(digest, _ids.Slice(_written * IdLengthChars, IdLengthChars));
                _written++;
                return;
            }

            var length = WriteMessage(parentRowId, childTable, listIndex, ((Span<byte>)_messages)[_used..]);
            _lengths[_pending++] = length;
            _used += length;
            if (_pending == Shake128Hash.Parallel)
            {
                Flush();
            }
        }

        /// <summary>Hashes the ids added and not yet written.</summary>
        public void Flush()
        {
            if (_pending == 0)
            {
                return;
            }

            Span<byte> digests = stackalloc byte[Shake128Hash.Parallel * IdLengthBytes];
            Shake128Hash.HashShortMessages(((ReadOnlySpan<byte>)_messages)[.._used], ((ReadOnlySpan<int>)_lengths)[.._pending], digests, IdLengthBytes);
            for (var i = 0; i < _pending; i++)
            {
                WriteBase64Id(digests.Slice(i * IdLengthBytes, IdLengthBytes), _ids.Slice((_written + i) * IdLengthChars, IdLengthChars));
            }

            _written += _pending;
            _pending = 0;
            _used = 0;
        }

        [System.Runtime.CompilerServices.InlineArray(Shake128Hash.Parallel * Shake128Hash.MaxShortMessage)]
        private struct MessageBuffer
        {
            private byte _first;
        }

        [System.Runtime.CompilerServices.InlineArray(Shake128Hash.Parallel)]
        private struct LengthBuffer
        {
            private int _first;
        }
    }

    /// <summary>
    /// dlt's <c>key_hash</c> row id of an upsert root row: <c>digest128</c> (SHAKE128, 10 bytes,
    /// base64 without padding) of the compact JSON of the primary key columns, keys sorted
    /// (<c>{"id":1}</c>); <paramref name="keyJson"/> is that JSON as UTF-8.
    /// </summary>
    public static string KeyHashId(ReadOnlySpan<byte> keyJson)
    {
        Span<byte> digest = stackalloc byte[IdLengthBytes];
        Span<byte> id = stackalloc byte[IdLengthChars];
        Shake128Hash.HashData(keyJson, digest);
        WriteBase64Id(digest, id);
        return System.Text.Encoding.ASCII.GetString(id);
    }

    /// <summary>
    /// Fills <paramref name="ids"/> with random row ids (dlt's <c>uniq_id_base64(10)</c>), one per
    /// <see cref="IdLengthChars"/> bytes: 10 bytes from the cryptographic generator each, drawn in one call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteRandomRowIds(Span<byte> ids)
    {
        var count = ids.Length / IdLengthChars;
        var random = new byte[count * IdLengthBytes];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < count; i++)
        {
            WriteBase64Id(random.AsSpan(i * IdLengthBytes, IdLengthBytes), ids.Slice(i * IdLengthChars, IdLengthChars));
        }
    }

    private static int WriteMessage(ReadOnlySpan<byte> parentRowId, ReadOnlySpan<byte> childTable, int listIndex, Span<byte> message)
    {
        parentRowId.CopyTo(message);
        var length = parentRowId.Length;
        message[length++] = (byte)'_';
        childTable.CopyTo(message[length..]);
        length += childTable.Length;
        message[length++] = (byte)'_';
        listIndex.TryFormat(message[length..], out var digits, provider: CultureInfo.InvariantCulture);
        return length + digits;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteBase64Id(ReadOnlySpan<byte> tenBytes, Span<byte> id)
    {
        // 10 bytes encode to 16 characters, the last two being '=' padding.
        Span<byte> base64 = stackalloc byte[16];
        Base64.EncodeToUtf8(tenBytes, base64, out _, out _);
        base64[..IdLengthChars].CopyTo(id);
    }
}
