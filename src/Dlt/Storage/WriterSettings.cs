namespace Dlt.Storage;

/// <summary>Buffering, rotation and compression of one stage's intermediary files (dlt's <c>data_writer</c> keys).</summary>
internal sealed record WriterSettings
{
    /// <summary>Items held in memory per writer before a flush (<c>buffer_max_items</c>).</summary>
    public int BufferMaxItems { get; init; } = 5000;

    /// <summary>Bytes held in memory per writer before a flush, so that wide items cannot exhaust memory.</summary>
    public int BufferMaxBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Rotate the file after this many items (<c>file_max_items</c>); null never rotates.</summary>
    public long? FileMaxItems { get; init; }

    /// <summary>Rotate the file after this many uncompressed bytes (<c>file_max_bytes</c>); null never rotates.</summary>
    public long? FileMaxBytes { get; init; }

    /// <summary>Write plain files instead of gzip (<c>disable_compression</c>).</summary>
    public bool DisableCompression { get; init; }
}
