using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using IronCompress;

namespace Dlt.Storage;

/// <summary>
/// Reads the content of consecutive LZ4 frames written by <see cref="Lz4Frames.Write"/> from
/// <c>inner</c>, which it disposes. A damaged or truncated frame fails naming <c>source</c>.
/// </summary>
internal sealed class Lz4FrameReader(Stream inner, string source) : ReadOnlyStream
{
    private readonly XxHash32 _checksum = new();
    private byte[] _compressed = [];
    private IronCompressResult? _decoded;
    private ReadOnlyMemory<byte> _stored;
    private int _offset;
    private int _length;
    private long _frameLeft;
    private bool _inFrame;

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _length)
        {
            if (buffer.IsEmpty || !NextBlock())
            {
                return 0;
            }
        }

        var block = _decoded is { } decoded ? ((ReadOnlySpan<byte>)decoded.AsSpan())[.._length] : _stored.Span;
        var count = Math.Min(buffer.Length, _length - _offset);
        block.Slice(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoded?.Dispose();
            _decoded = null;
            if (_compressed.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_compressed);
                _compressed = [];
            }

            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Decodes the next block; false at the end of the last frame.</summary>
    private bool NextBlock()
    {
        Span<byte> size = stackalloc byte[sizeof(uint)];
        while (true)
        {
            if (!_inFrame && !TryReadHeader())
            {
                return false;
            }

            ReadBlockBytes(size);
            var word = BinaryPrimitives.ReadUInt32LittleEndian(size);
            if (word == 0)
            {
                if (_frameLeft != 0)
                {
                    throw Damaged($"its frame ended {_frameLeft} bytes short of its content size");
                }

                ReadBlockBytes(size);
                if (BinaryPrimitives.ReadUInt32LittleEndian(size) != _checksum.GetCurrentHashAsUInt32())
                {
                    throw Damaged("a frame's content does not match its checksum");
                }

                _inFrame = false;
                continue;
            }

            var length = (int)(word & ~Lz4Frames.StoredBlock);
            var expected = (int)Math.Min(Lz4Frames.MaxBlockBytes, _frameLeft);
            if (length > Lz4Frames.MaxBlockBytes || expected == 0)
            {
                throw Damaged($"a block of {length} bytes does not fit its frame");
            }

            if (_compressed.Length < length)
            {
                if (_compressed.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(_compressed);
                }

                _compressed = ArrayPool<byte>.Shared.Rent(length);
            }

            ReadBlockBytes(_compressed.AsSpan(0, length));
            _decoded?.Dispose();
            _decoded = null;
            if ((word & Lz4Frames.StoredBlock) != 0)
            {
                _stored = _compressed.AsMemory(0, length);
                _length = length;
            }
            else
            {
                _decoded = Lz4Frames.Codecs.Decompress(Codec.LZ4, _compressed.AsSpan(0, length), expected);
                _length = (int)_decoded.Length;
            }

            if (_length != expected)
            {
                throw Damaged($"a block holds {_length} bytes where its frame expects {expected}");
            }

            _offset = 0;
            _frameLeft -= _length;
            _checksum.Append(_decoded is { } decoded ? ((ReadOnlySpan<byte>)decoded.AsSpan())[.._length] : _stored.Span);
            return true;
        }
    }

    /// <summary>Reads the next frame's header; false at the end of the stream.</summary>
    private bool TryReadHeader()
    {
        Span<byte> header = stackalloc byte[Lz4Frames.HeaderBytes];
        var read = inner.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }

        if (read < header.Length)
        {
            throw Damaged("it ends inside a frame header");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Lz4Frames.Magic || header[4] != Lz4Frames.Flags || header[5] != Lz4Frames.BlockDescriptor)
        {
            throw Damaged("it does not start an LZ4 frame of an extract file");
        }

        if (header[14] != Lz4Frames.HeaderChecksum(header[4..14]))
        {
            throw Damaged("a frame header's checksum does not match");
        }

        _frameLeft = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[6..]);
        _checksum.Reset();
        _inFrame = true;
        return true;
    }

    private void ReadBlockBytes(Span<byte> buffer)
    {
        if (inner.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw Damaged("it ends inside a frame");
        }
    }

    private InvalidDataException Damaged(string what) =>
        new($"The extract file '{source}' is damaged: {what}. Drop the pending load package whose folder holds it, and extract again.");
}
