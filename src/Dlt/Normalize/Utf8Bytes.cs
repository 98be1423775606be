using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Dlt.Normalize;

/// <summary>
/// Byte comparison of short UTF-8 keys, eight bytes at a time, inlined into the optimized-at-first-call
/// loops that compare a key per JSON property: <c>SequenceEqual</c> would run in the runtime's
/// instrumented tier there for much of a short run.
/// </summary>
internal static class Utf8Bytes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> key)
    {
        if (stored.Length != key.Length)
        {
            return false;
        }

        var i = 0;
        for (; i + sizeof(ulong) <= key.Length; i += sizeof(ulong))
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(stored[i..]) != BinaryPrimitives.ReadUInt64LittleEndian(key[i..]))
            {
                return false;
            }
        }

        for (; i < key.Length; i++)
        {
            if (stored[i] != key[i])
            {
                return false;
            }
        }

        return true;
    }
}
