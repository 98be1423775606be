using Dlt.Storage;

namespace Dlt.Configuration;

/// <summary>
/// Buffering, rotation and compression of a stage's intermediary files (<c>[data_writer]</c>).
/// Normalize reads <c>[normalize.data_writer]</c> then <c>[data_writer]</c>; extract reads the
/// resource's and source's <c>data_writer</c> sections, <c>[sources.data_writer]</c>,
/// <c>[extract.data_writer]</c>, then <c>[data_writer]</c>.
/// </summary>
public sealed record DataWriterSettings
{
    /// <summary>
    /// Items held in memory per open writer before a flush to its file (<c>buffer_max_items</c>); capped at <see cref="FileMaxItems"/>.
    /// <value>The default value is 5000.</value>
    /// </summary>
    public int BufferMaxItems { get; init; } = 5000;

    /// <summary>
    /// Start a new file after this many items (<c>file_max_items</c>).
    /// <value>The default value is <see langword="null"/>: no rotation by item count.</value>
    /// </summary>
    public long? FileMaxItems { get; init; }

    /// <summary>
    /// Start a new file after this many bytes, counted before compression (<c>file_max_bytes</c>).
    /// <value>The default value is <see langword="null"/>: no rotation by size.</value>
    /// </summary>
    public long? FileMaxBytes { get; init; }

    /// <summary>
    /// Write plain files instead of gzip (<c>disable_compression</c>); Parquet files are always compressed by column.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool DisableCompression { get; init; }

    /// <summary>What a writer consumes: the buffer is capped at <see cref="FileMaxItems"/>, as dlt does.</summary>
    internal WriterSettings ToWriterSettings() => new()
    {
        BufferMaxItems = FileMaxItems is { } maxItems && maxItems < BufferMaxItems ? (int)maxItems : BufferMaxItems,
        FileMaxItems = FileMaxItems,
        FileMaxBytes = FileMaxBytes,
        DisableCompression = DisableCompression,
    };

    internal static DataWriterSettings Read(SettingsReader reader, IReadOnlyList<string[]> sections)
    {
        var defaults = new DataWriterSettings();
        return new DataWriterSettings
        {
            BufferMaxItems = reader.Integer(sections, "buffer_max_items", defaults.BufferMaxItems, min: 1),
            FileMaxItems = reader.OptionalInteger(sections, "file_max_items", defaults.FileMaxItems, min: 1),
            FileMaxBytes = reader.OptionalInteger(sections, "file_max_bytes", defaults.FileMaxBytes, min: 1),
            DisableCompression = reader.Boolean(sections, "disable_compression", defaults.DisableCompression),
        };
    }
}
