using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Dlt.Normalize;

/// <summary>Compares UTF-8 keys by content, and lets a dictionary keyed by <c>byte[]</c> be searched with a span (no allocation per lookup).</summary>
internal sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static Utf8KeyComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    /// <summary>
    /// A cheap hash of the key's length and its first and last eight bytes (keys are names: short,
    /// and mostly told apart by those): it runs once per JSON property, where hashing every byte
    /// was a visible share of the normalize CPU. Keys that differ only in the middle share a
    /// bucket and are told apart by <see cref="Equals(ReadOnlySpan{byte}, byte[])"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        ulong head;
        ulong tail;
        if (alternate.Length >= sizeof(ulong))
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(alternate);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(alternate[^sizeof(ulong)..]);
        }
        else
        {
            head = 0;
            foreach (var b in alternate)
            {
                head = (head << 8) | b;
            }

            tail = 0;
        }

        var hash = ((head * 0x9E3779B97F4A7C15UL) ^ (tail + (ulong)alternate.Length)) * 0xC2B2AE3D27D4EB4FUL;
        return (int)(hash >> 32);
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
