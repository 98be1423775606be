using System.Buffers.Binary;

namespace Dlt.Postgres;

/// <summary>
/// Rows in PostgreSQL's COPY BINARY format, written into a growable array: the file header, per
/// row a field count, per field its length (big-endian int32, -1 for null) and its binary form
/// (big-endian integers; text as its UTF-8 bytes), and the trailer.
/// </summary>
internal sealed class CopyBuffer
{
    /// <summary>Send the rows once the buffer holds this many bytes.</summary>
    public const int FlushBytes = 256 * 1024;

    /// <summary><c>PGCOPY\n\377\r\n\0</c>.</summary>
    private static readonly byte[] s_signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private byte[] _bytes = new byte[FlushBytes + (64 * 1024)];

    /// <summary>Bytes written since the last <see cref="Clear"/>.</summary>
    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>The signature, no flags, no header extension.</summary>
    public void WriteHeader()
    {
        s_signature.CopyTo(Reserve(s_signature.Length));
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), 0);
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), 0);
    }

    /// <summary>A field count of -1 ends the data.</summary>
    public void WriteTrailer() => WriteInt16(-1);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);

    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteBytes(byte[]? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            WriteBytes(value.AsSpan());
        }
    }

    public void WriteBool(bool? value)
    {
        if (value is not { } x)
        {
            WriteNull();
            return;
        }

        var span = Reserve(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = x ? (byte)1 : (byte)0;
    }

    public void WriteSmallint(short? value)
    {
        if (value is not { } x)
        {
            WriteNull();
            return;
        }

        var span = Reserve(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], x);
    }

    public void WriteInteger(int? value)
    {
        if (value is not { } x)
        {
            WriteNull();
            return;
        }

        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], x);
    }

    /// <summary>An 8-byte field: bigint, a timestamp's microseconds, a double's bits.</summary>
    public void WriteBigint(long? value)
    {
        if (value is not { } x)
        {
            WriteNull();
            return;
        }

        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], x);
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
