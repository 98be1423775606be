using System.Security.Cryptography;

namespace Dlt.Storage;

/// <summary>dlt's job file name: <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.&lt;ext&gt;[.gz]</c>.</summary>
internal readonly record struct JobFileName(string Table, string FileId, int RetryCount, string Extension, bool Compressed)
{
    public static JobFileName New(string table, string extension, bool compressed) =>
        new(table, NewFileId(), 0, extension, compressed);

    /// <summary>5 random bytes as 10 lower-case hex characters.</summary>
    public static string NewFileId()
    {
        Span<byte> bytes = stackalloc byte[5];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

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
