using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace Dlt.Storage;

/// <summary>
/// Writes the items of one table as JSON lines into rotated files. Items are serialized into an
/// in-memory buffer as they arrive; each flush appends the buffer to the file as its own LZ4 frame
/// (<see cref="Compression"/>), so memory stays bounded by the buffer settings and a run of whole
/// frames reads on its own.
/// </summary>
internal sealed class JsonLinesFileWriter : IDisposable
{
    public const string Extension = "typed-jsonl";

    private readonly string _folder;
    private readonly string _segmentsFolder;
    private readonly List<FileSegment> _members = [];
    private readonly string _table;
    private readonly WriterSettings _settings;
    private readonly IExtractFileObserver? _observer;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly List<string> _files = [];
    private FileStream? _file;
    private int _bufferedItems;
    private long _fileItems;
    private long _fileBytes;

    /// <param name="folder">Where the files go.</param>
    /// <param name="segmentsFolder">Where each file's index of flushed members goes (so normalize can split a file).</param>
    /// <param name="table">The table whose items are written.</param>
    /// <param name="settings">Buffering, rotation and compression.</param>
    /// <param name="observer">Told of each flushed member and closed file (normalize running alongside extract).</param>
    public JsonLinesFileWriter(string folder, string segmentsFolder, string table, WriterSettings settings, IExtractFileObserver? observer = null)
    {
        _observer = observer;
        _folder = folder;
        _segmentsFolder = segmentsFolder;
        _table = table;
        _settings = settings;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false, MaxDepth = ItemJsonLimits.MaxDepth });
    }

    /// <summary>The JSON writer positioned at the start of a new item; call <see cref="EndItem"/> after writing it.</summary>
    public Utf8JsonWriter BeginItem()
    {
        _json.Reset(_buffer);
        return _json;
    }

    public void EndItem()
    {
        _json.Flush();
        _buffer.Write("\n"u8);
        _bufferedItems++;
        ItemCount++;
        if (_bufferedItems >= _settings.BufferMaxItems || _buffer.WrittenCount >= _settings.BufferMaxBytes)
        {
            Flush();
        }
    }

    /// <summary>Appends complete JSON lines (each ending with a newline) holding <paramref name="count"/> items.</summary>
    public void AppendLines(ReadOnlySpan<byte> lines, int count)
    {
        _buffer.Write(lines);
        _bufferedItems += count;
        ItemCount += count;
        if (_bufferedItems >= _settings.BufferMaxItems || _buffer.WrittenCount >= _settings.BufferMaxBytes)
        {
            Flush();
        }
    }

    /// <summary>LZ4 frames; gzip members where IronCompress has no native LZ4 for the platform; plain with <c>disable_compression</c>.</summary>
    private FileCompression Compression =>
        _settings.DisableCompression ? FileCompression.None : Lz4Frames.IsAvailable ? FileCompression.Lz4 : FileCompression.Gzip;

    /// <summary>Items written so far over all files.</summary>
    public long ItemCount { get; private set; }

    /// <summary>The files written so far (closed and open).</summary>
    public IReadOnlyList<string> Files => _files;

    public void Flush()
    {
        if (_bufferedItems == 0)
        {
            return;
        }

        _file ??= OpenNewFile();
        var start = _file.Position;
        switch (Compression)
        {
            case FileCompression.Lz4:
                Lz4Frames.Write(_file, _buffer.WrittenSpan);
                break;
            case FileCompression.Gzip:
                using (var gzip = new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(_buffer.WrittenSpan);
                }

                break;
            default:
                _file.Write(_buffer.WrittenSpan);
                break;
        }

        var member = new FileSegment(_files[^1], _table, start, _file.Position - start, _bufferedItems);
        _members.Add(member);
        if (_observer is not null)
        {
            _file.Flush();
            _observer.MemberWritten(member);
        }

        _fileItems += _bufferedItems;
        _fileBytes += _buffer.WrittenCount;
        _bufferedItems = 0;
        _buffer.ResetWrittenCount();
        if ((_settings.FileMaxItems is { } maxItems && _fileItems >= maxItems) ||
            (_settings.FileMaxBytes is { } maxBytes && _fileBytes >= maxBytes))
        {
            CloseFile();
        }
    }

    /// <summary>Flushes the buffer and closes the current file; the files are then complete on disk.</summary>
    public void Complete()
    {
        Flush();
        CloseFile();
    }

    private FileStream OpenNewFile()
    {
        var name = JobFileName.New(_table, Extension, Compression).ToString();
        var path = Path.Combine(_folder, name);
        _files.Add(path);
        _fileItems = 0;
        _fileBytes = 0;
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
    }

    private void CloseFile()
    {
        if (_file is null)
        {
            return;
        }

        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
        FileSegment.WriteIndex(_segmentsFolder, _files[^1], _members);
        _members.Clear();
        _observer?.FileClosed(_files[^1]);
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _json.Dispose();
    }
}
