using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Dlt.Normalize;

/// <summary>
/// A table from UTF-8 keys (JSON property names) to values, searched with the key's bytes as they
/// lie in the document: no string and no allocation per lookup. Open addressing with linear
/// probing, its lookup compiled optimized at first call: it runs once per JSON property, and a
/// framework dictionary spent a cold run's first seconds in its slower tiers there.
/// </summary>
/// <typeparam name="TValue">The values.</typeparam>
internal sealed class Utf8KeyTable<TValue>
    where TValue : class
{
    private byte[]?[] _keys = new byte[]?[16];
    private TValue?[] _values = new TValue?[16];
    private int[] _hashes = new int[16];
    private int _count;

    /// <summary>The value of <paramref name="key"/>, if it was added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(ReadOnlySpan<byte> key, out TValue value)
    {
        var hash = Hash(key);
        var mask = _keys.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var candidate = _keys[slot];
            if (candidate is null)
            {
                value = null!;
                return false;
            }

            if (_hashes[slot] == hash && Utf8Bytes.Equal(candidate, key))
            {
                value = _values[slot]!;
                return true;
            }
        }
    }

    /// <summary>Adds a key that is not in the table.</summary>
    public void Add(ReadOnlySpan<byte> key, TValue value)
    {
        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        Insert(key.ToArray(), Hash(key), value);
        _count++;
    }

    private void Insert(byte[] key, int hash, TValue value)
    {
        var mask = _keys.Length - 1;
        var slot = hash & mask;
        while (_keys[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }

        _keys[slot] = key;
        _hashes[slot] = hash;
        _values[slot] = value;
    }

    private void Grow()
    {
        var (keys, hashes, values) = (_keys, _hashes, _values);
        _keys = new byte[]?[keys.Length * 2];
        _hashes = new int[keys.Length * 2];
        _values = new TValue?[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                Insert(key, hashes[i], values[i]!);
            }
        }
    }

    /// <summary>
    /// A cheap hash of the key's length and its first and last eight bytes (keys are names: short,
    /// and mostly told apart by those); keys that differ only in the middle are told apart by
    /// <see cref="Utf8Bytes.Equal"/>. Non-negative, so that it masks to a slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        ulong head;
        ulong tail;
        if (key.Length >= sizeof(ulong))
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(key);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(key[^sizeof(ulong)..]);
        }
        else
        {
            head = 0;
            for (var i = 0; i < key.Length; i++)
            {
                head = (head << 8) | key[i];
            }

            tail = 0;
        }

        var hash = ((head * 0x9E3779B97F4A7C15UL) ^ (tail + (ulong)key.Length)) * 0xC2B2AE3D27D4EB4FUL;
        return (int)(hash >> 33);
    }
}
