using System.Buffers.Text;
using System.Globalization;
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
        var count = ids.Length / IdLengthChars;
        var messageBytes = parentRowId.Length + childTable.Length + 2 + MaxIndexDigits;
        if (messageBytes > Shake128Hash.MaxShortMessage)
        {
            var message = new byte[messageBytes];
            Span<byte> digest = stackalloc byte[IdLengthBytes];
            for (var i = 0; i < count; i++)
            {
                var length = WriteMessage(parentRowId, childTable, firstIndex + i, message);
                Shake128Hash.HashData(message.AsSpan(0, length), digest);
                WriteBase64Id(digest, ids.Slice(i * IdLengthChars, IdLengthChars));
            }

            return;
        }

        Span<byte> messages = stackalloc byte[Shake128Hash.Parallel * Shake128Hash.MaxShortMessage];
        Span<int> lengths = stackalloc int[Shake128Hash.Parallel];
        Span<byte> digests = stackalloc byte[Shake128Hash.Parallel * IdLengthBytes];
        for (var done = 0; done < count; done += Shake128Hash.Parallel)
        {
            var batch = Math.Min(Shake128Hash.Parallel, count - done);
            var used = 0;
            for (var i = 0; i < batch; i++)
            {
                lengths[i] = WriteMessage(parentRowId, childTable, firstIndex + done + i, messages[used..]);
                used += lengths[i];
            }

            Shake128Hash.HashShortMessages(messages[..used], lengths[..batch], digests, IdLengthBytes);
            for (var i = 0; i < batch; i++)
            {
                WriteBase64Id(digests.Slice(i * IdLengthBytes, IdLengthBytes), ids.Slice((done + i) * IdLengthChars, IdLengthChars));
            }
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

    private static void WriteBase64Id(ReadOnlySpan<byte> tenBytes, Span<byte> id)
    {
        // 10 bytes encode to 16 characters, the last two being '=' padding.
        Span<byte> base64 = stackalloc byte[16];
        Base64.EncodeToUtf8(tenBytes, base64, out _, out _);
        base64[..IdLengthChars].CopyTo(id);
    }
}
