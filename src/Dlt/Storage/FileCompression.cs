namespace Dlt.Storage;

/// <summary>How an intermediary job file is compressed, told by its name's last suffix.</summary>
internal enum FileCompression
{
    /// <summary>Plain (<c>disable_compression</c>).</summary>
    None,

    /// <summary><c>.gz</c>: gzip members, as dlt writes its files (and extract files of packages written before LZ4).</summary>
    Gzip,

    /// <summary><c>.lz4</c>: LZ4 frames (<see cref="Lz4Frames"/>), how extract files are compressed.</summary>
    Lz4,
}

/// <summary>The file name suffixes of <see cref="FileCompression"/>.</summary>
internal static class FileCompressions
{
    public static string Suffix(this FileCompression compression) => compression switch
    {
        FileCompression.Gzip => ".gz",
        FileCompression.Lz4 => ".lz4",
        _ => "",
    };

    /// <summary>The compression a file name's last suffix names.</summary>
    public static FileCompression OfPath(string path) =>
        path.EndsWith(".gz", StringComparison.Ordinal) ? FileCompression.Gzip
        : path.EndsWith(".lz4", StringComparison.Ordinal) ? FileCompression.Lz4
        : FileCompression.None;
}
