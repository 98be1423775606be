using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using IronCompress;

namespace Dlt.Storage;

/// <summary>
/// LZ4 frames, the format of the <c>lz4</c> tool (<c>lz4 -dc</c> reads the files), of independent
/// blocks of up to 4 MB compressed by the native LZ4 library of IronCompress at its default
/// acceleration (its "fastest" level trades half the ratio for a third more speed), with the
/// content's xxHash32 at the end (as gzip members carry a CRC-32, a damaged file fails instead of
/// giving other rows). Each flushed buffer of an extract file is one frame, as it was one gzip member
/// before, so a segment of whole frames reads on its own. LZ4 writes the extract's JSON lines at about
/// twice the speed of gzip's fastest level and reads them back at about eight times, for files about
/// 7% larger (docs/performance.md).
/// </summary>
internal static class Lz4Frames
{
    public const uint Magic = 0x184D2204;

    /// <summary>The largest block: the frame descriptor's block maximum size 7.</summary>
    public const int MaxBlockBytes = 4 << 20;

    /// <summary>Version 01, independent blocks, content size and content checksum present.</summary>
    public const byte Flags = 0b0110_1100;

    public const byte BlockDescriptor = 7 << 4;

    public const int HeaderBytes = 15;

    /// <summary>The high bit of a block's size: its bytes are stored as they are.</summary>
    public const uint StoredBlock = 0x8000_0000;

    public static Iron Codecs { get; } = new();

    /// <summary>Whether IronCompress has native LZ4 for this platform (linux and windows x64, linux and macOS arm64).</summary>
    public static bool IsAvailable { get; } = Iron.IsNativeLibraryAvailable && Iron.SupportsNative(Codec.LZ4);

    /// <summary>Writes <paramref name="content"/> as one frame.</summary>
    public static void Write(Stream destination, ReadOnlySpan<byte> content)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        header[4] = Flags;
        header[5] = BlockDescriptor;
        BinaryPrimitives.WriteUInt64LittleEndian(header[6..], (ulong)content.Length);
        header[14] = HeaderChecksum(header[4..14]);
        destination.Write(header);
        Span<byte> size = stackalloc byte[sizeof(uint)];
        for (var start = 0; start < content.Length; start += MaxBlockBytes)
        {
            var block = content.Slice(start, Math.Min(MaxBlockBytes, content.Length - start));
            using var compressed = Codecs.Compress(Codec.LZ4, block, outputLength: null, CompressionLevel.Optimal);
            ReadOnlySpan<byte> bytes = compressed.AsSpan();
            var stored = bytes.Length >= block.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(size, stored ? (uint)block.Length | StoredBlock : (uint)bytes.Length);
            destination.Write(size);
            destination.Write(stored ? block : bytes);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(size, 0);
        destination.Write(size);
        BinaryPrimitives.WriteUInt32LittleEndian(size, XxHash32.HashToUInt32(content));
        destination.Write(size);
    }

    /// <summary>The frame descriptor's checksum: the second byte of its xxHash32.</summary>
    public static byte HeaderChecksum(ReadOnlySpan<byte> descriptor) => (byte)(XxHash32.HashToUInt32(descriptor) >> 8);
}
