using System.Buffers;

namespace Dlt.Extract;

/// <summary>
/// JSON lines of consecutive items of one resource bound for one table, serialized by the producer
/// before its resource resumes. <see cref="Buffer"/> is rented; the consumer returns it.
/// </summary>
internal sealed record SerializedChunk(int ResourceIndex, string RawTable, byte[] Buffer, int Length, int Count)
{
    public ReadOnlySpan<byte> Lines => Buffer.AsSpan(0, Length);

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
