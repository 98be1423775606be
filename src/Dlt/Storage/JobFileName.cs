using System.Security.Cryptography;
using System.Text;

namespace Dlt.Storage;

/// <summary>
/// dlt's job file name: <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.&lt;ext&gt;[.gz]</c>, or <c>.lz4</c> for our LZ4 extract files. A table name
/// longer than <see cref="MaxTablePartBytes"/> UTF-8 bytes (or holding a dot) is written shortened (see
/// <see cref="TablePart"/>), so job file names stay within the file system's 255 bytes whatever the
/// table's name; <see cref="Parse(string, JobFileTables?)"/> maps it back given the schema's tables.
/// </summary>
internal readonly record struct JobFileName(string Table, string FileId, int RetryCount, string Extension, FileCompression Compression)
{
    /// <summary>The longest table name written whole into a job file name, in UTF-8 bytes.</summary>
    public const int MaxTablePartBytes = 150;

    private const int ShortenedHeadBytes = 100;
    private const char ShortenedMarker = '-';

    public static JobFileName New(string table, string extension, FileCompression compression) =>
        new(table, NewFileId(), 0, extension, compression);

    private static long s_lastId;

    /// <summary>
    /// 13 lower-case hex characters that sort in creation order: microseconds since the Unix epoch,
    /// bumped past the last id this process gave. Rotated files of a table are thus read back in the
    /// order they were written, so the columns a normalize run adds follow the items (dlt's random
    /// ids make the column order depend on the file names).
    /// </summary>
    public static string NewFileId()
    {
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        long last, next;
        do
        {
            last = Volatile.Read(ref s_lastId);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref s_lastId, next, last) != last);

        return next.ToString("x13", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The job's identity in the destination's completed-jobs record: the name without the retry count.</summary>
    public string JobId => $"{TablePart(Table)}.{FileId}.{Extension}";

    public JobFileName NextRetry() => this with { RetryCount = RetryCount + 1 };

    public override string ToString() =>
        $"{TablePart(Table)}.{FileId}.{RetryCount}.{Extension}{Compression.Suffix()}";

    /// <summary>
    /// The table's part of a job file name: the name itself (as in dlt) when it has at most
    /// <see cref="MaxTablePartBytes"/> UTF-8 bytes and no dot; otherwise its first 100 bytes (whole
    /// characters, dots as <c>_</c>), <c>-</c> (which snake_case names never hold) and 16 hex characters
    /// of the name's SHA-256, so that the file name stays short and tells tables apart.
    /// </summary>
    public static string TablePart(string table)
    {
        // A UTF-16 code unit is at most 3 bytes of UTF-8, so short names skip the count.
        if (!table.Contains('.') && (table.Length * 3 <= MaxTablePartBytes || Encoding.UTF8.GetByteCount(table) <= MaxTablePartBytes))
        {
            return table;
        }

        var head = new StringBuilder(ShortenedHeadBytes + 17);
        var bytes = 0;
        foreach (var rune in table.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > ShortenedHeadBytes)
            {
                break;
            }

            head.Append(rune.Value == '.' ? "_" : rune.ToString());
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(table));
        return head.Append(ShortenedMarker).Append(Convert.ToHexStringLower(digest, 0, 8)).ToString();
    }

    /// <summary>
    /// Reads a job file name. A shortened table part is mapped back through <paramref name="tables"/>
    /// (the package schema's table names) to the table it was made from; without them, or when none
    /// matches, the part itself is the table.
    /// </summary>
    public static JobFileName Parse(string fileName, JobFileTables? tables = null)
    {
        var parts = fileName.Split('.');
        var compression = FileCompressions.OfPath(fileName);
        var count = compression == FileCompression.None ? parts.Length : parts.Length - 1;
        if (count != 4 || !int.TryParse(parts[2], out var retry))
        {
            throw new FormatException($"'{fileName}' is not a job file name (<table>.<file_id>.<retry>.<ext>[.gz|.lz4]).");
        }

        var table = parts[0];
        if (tables is not null && table.Contains(ShortenedMarker))
        {
            table = tables.TableOf(table);
        }

        return new JobFileName(table, parts[1], retry, parts[3], compression);
    }
}
