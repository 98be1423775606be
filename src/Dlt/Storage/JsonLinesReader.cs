using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Dlt.Storage;

/// <summary>Reads the lines of a JSON lines file (plain, LZ4 frames or gzip members) as UTF-8 byte slices, with a pooled buffer.</summary>
internal sealed class JsonLinesReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _start;
    private int _end;
    private bool _eof;

    public JsonLinesReader(string path)
        : this(new FileSegment(path, "", 0, new FileInfo(path).Length, -1))
    {
    }

    /// <summary>Reads the lines of one segment of a file.</summary>
    public JsonLinesReader(FileSegment segment)
    {
        // ReadWrite: the extract writer may still be appending members after this segment.
        var file = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        file.Seek(segment.Offset, SeekOrigin.Begin);
        Stream range = new StreamRange(file, segment.Length);
        _stream = segment.Compression switch
        {
            FileCompression.Lz4 => new Lz4FrameReader(range, segment.Path),
            FileCompression.Gzip => new GZipStream(range, CompressionMode.Decompress),
            _ => range,
        };
    }

    /// <summary>The next non-empty line, valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsMemory(_start, newline);
                _start += newline + 1;
                if (line.IsEmpty)
                {
                    continue;
                }

                return true;
            }

            if (_eof)
            {
                line = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return !line.IsEmpty;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
