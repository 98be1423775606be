namespace Dlt.Storage;

/// <summary>dlt's job file name: <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.&lt;ext&gt;[.gz]</c>.</summary>
internal readonly record struct JobFileName(string Table, string FileId, int RetryCount, string Extension, bool Compressed)
{
    public static JobFileName New(string table, string extension, bool compressed) =>
        new(table, NewFileId(), 0, extension, compressed);

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
    public string JobId => $"{Table}.{FileId}.{Extension}";

    public JobFileName NextRetry() => this with { RetryCount = RetryCount + 1 };

    public override string ToString() =>
        $"{Table}.{FileId}.{RetryCount}.{Extension}{(Compressed ? ".gz" : "")}";

    public static JobFileName Parse(string fileName)
    {
        var parts = fileName.Split('.');
        var compressed = parts[^1] == "gz";
        var count = compressed ? parts.Length - 1 : parts.Length;
        if (count != 4 || !int.TryParse(parts[2], out var retry))
        {
            throw new FormatException($"'{fileName}' is not a job file name (<table>.<file_id>.<retry>.<ext>[.gz]).");
        }

        return new JobFileName(parts[0], parts[1], retry, parts[3], compressed);
    }
}
