using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dlt.Normalize;

/// <summary>
/// Row ids (<c>_dlt_id</c>) as dlt makes them: 10 bytes (<c>DLT_ID_LENGTH_BYTES</c>) written in standard base64
/// without <c>=</c> padding, 14 characters.
/// </summary>
internal static class IdHash
{
    /// <summary>The number of bytes behind a row id.</summary>
    public const int IdLengthBytes = 10;

    /// <summary>The number of characters of a row id: base64 of 10 bytes without padding.</summary>
    public const int IdLengthChars = 14;

    private const int StackByteLimit = 512;

    // Random ids are drawn in blocks so that one call to the generator serves many rows.
    private const int RandomBlockIds = 256;

    /// <summary>
    /// The deterministic id of a nested row: dlt's <c>digest128(f"{parent_row_id}_{child_table}_{list_idx}", 10)</c>,
    /// the SHAKE128 digest (10 bytes) of that UTF-8 text in base64 without padding.
    /// </summary>
    public static string ChildRowId(string parentRowId, string childTable, int listIndex)
    {
        ArgumentNullException.ThrowIfNull(parentRowId);
        ArgumentNullException.ThrowIfNull(childTable);

        // Longest int is 11 characters ("-2147483648"); two underscores join the parts.
        int maxChars = parentRowId.Length + childTable.Length + 13;
        int maxBytes = Encoding.UTF8.GetMaxByteCount(maxChars);
        byte[]? rented = null;
        Span<byte> utf8 = maxBytes <= StackByteLimit ? stackalloc byte[StackByteLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int length = Encoding.UTF8.GetBytes(parentRowId, utf8);
            utf8[length++] = (byte)'_';
            length += Encoding.UTF8.GetBytes(childTable, utf8[length..]);
            utf8[length++] = (byte)'_';
            listIndex.TryFormat(utf8[length..], out int digits, provider: CultureInfo.InvariantCulture);
            length += digits;

            Span<byte> digest = stackalloc byte[IdLengthBytes];
            Shake128Hash.HashData(utf8[..length], digest);
            return ToBase64Id(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The ids of the rows at list positions <paramref name="firstIndex"/> onward of one parent row
    /// in one child table, as <see cref="ChildRowId"/> gives them, hashed
    /// <see cref="Shake128Hash.Parallel"/> at a time.
    /// </summary>
    public static void ChildRowIds(string parentRowId, string childTable, int firstIndex, Span<string> ids)
    {
        // The shared prefix "<parent>_<table>_" and the longest index must fit in one block.
        int prefixBytes = Encoding.UTF8.GetByteCount(parentRowId) + Encoding.UTF8.GetByteCount(childTable) + 2;
        if (prefixBytes + 11 > Shake128Hash.MaxShortMessage)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = ChildRowId(parentRowId, childTable, firstIndex + i);
            }

            return;
        }

        Span<byte> messages = stackalloc byte[Shake128Hash.Parallel * Shake128Hash.MaxShortMessage];
        Span<int> lengths = stackalloc int[Shake128Hash.Parallel];
        Span<byte> digests = stackalloc byte[Shake128Hash.Parallel * IdLengthBytes];
        for (int done = 0; done < ids.Length; done += Shake128Hash.Parallel)
        {
            int count = Math.Min(Shake128Hash.Parallel, ids.Length - done);
            int used = 0;
            for (int i = 0; i < count; i++)
            {
                var message = messages[used..];
                int length = Encoding.UTF8.GetBytes(parentRowId, message);
                message[length++] = (byte)'_';
                length += Encoding.UTF8.GetBytes(childTable, message[length..]);
                message[length++] = (byte)'_';
                (firstIndex + done + i).TryFormat(message[length..], out int digits, provider: CultureInfo.InvariantCulture);
                lengths[i] = length + digits;
                used += lengths[i];
            }

            Shake128Hash.HashShortMessages(messages[..used], lengths[..count], digests, IdLengthBytes);
            for (int i = 0; i < count; i++)
            {
                ids[done + i] = ToBase64Id(digests.Slice(i * IdLengthBytes, IdLengthBytes));
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="ids"/> with random row ids (dlt's <c>uniq_id_base64(10)</c>): 10 bytes from the
    /// cryptographic generator each, drawn in blocks rather than per id.
    /// </summary>
    public static void FillRandomRowIds(Span<string> ids)
    {
        Span<byte> random = stackalloc byte[RandomBlockIds * IdLengthBytes];
        while (!ids.IsEmpty)
        {
            int count = Math.Min(ids.Length, RandomBlockIds);
            Span<byte> block = random[..(count * IdLengthBytes)];
            RandomNumberGenerator.Fill(block);
            for (int i = 0; i < count; i++)
            {
                ids[i] = ToBase64Id(block.Slice(i * IdLengthBytes, IdLengthBytes));
            }

            ids = ids[count..];
        }
    }

    private static string ToBase64Id(ReadOnlySpan<byte> tenBytes)
    {
        // 10 bytes encode to 16 characters, the last two being '=' padding.
        Span<char> chars = stackalloc char[16];
        Convert.TryToBase64Chars(tenBytes, chars, out _);
        return new string(chars[..IdLengthChars]);
    }
}
