using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Dlt.Schemas.Naming;

/// <summary>
/// SHAKE128 (FIPS 202) as dlt uses it for identifier tags and row ids, as a managed Keccak sponge.
/// Row ids hash short messages, so up to eight of them are hashed side by side in one vectorized
/// permutation (a row's child rows: about a third of the time per id of one-by-one hashing with
/// four side by side). It is
/// allocation-free and behaves the same on every platform; the tests check it against
/// <see cref="Shake128"/> (OpenSSL) and against Python's hashlib.
/// </summary>
internal static class Shake128Hash
{
    // SHAKE128 absorbs and squeezes 168 bytes (21 lanes) per permutation.
    private const int RateBytes = 168;
    private const int Lanes = 25;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>The most messages <see cref="HashShortMessages"/> hashes in one call: side by side in one permutation where the CPU has 512-bit vectors, four at a time with 256-bit ones.</summary>
    public const int Parallel = 8;

    private const int QuadParallel = 4;

    /// <summary>The longest message <see cref="HashShortMessages"/> takes: one block less the padding byte.</summary>
    public const int MaxShortMessage = RateBytes - 1;

    /// <summary>Writes the first <c>destination.Length</c> bytes of SHAKE128 of <paramref name="source"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (Vector256.IsHardwareAccelerated && source.Length <= MaxShortMessage && destination.Length <= RateBytes)
        {
            HashShortMessages(source, [source.Length], destination, destination.Length);
        }
        else
        {
            HashDataManaged(source, destination);
        }
    }

    /// <summary>
    /// SHAKE128 of up to <see cref="Parallel"/> messages of at most <see cref="MaxShortMessage"/> bytes
    /// each, computed side by side in vectorized permutations (eight states in one 512-bit
    /// permutation, or four in one 256-bit permutation; else one after another): the first
    /// <paramref name="digestLength"/> bytes of message <c>i</c>'s digest go to <c>digests[(i * digestLength)..]</c>.
    /// </summary>
    /// <param name="messages">The messages, one after another.</param>
    /// <param name="lengths">The length of each message.</param>
    /// <param name="digests">Receives the digests, one after another.</param>
    /// <param name="digestLength">The bytes of each digest.</param>
    public static void HashShortMessages(ReadOnlySpan<byte> messages, ReadOnlySpan<int> lengths, Span<byte> digests, int digestLength)
    {
        if (lengths.Length > Parallel || digestLength > RateBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(lengths), "At most eight messages, and digests of one block at most.");
        }

        if (!Vector256.IsHardwareAccelerated)
        {
            for (int i = 0, start = 0; i < lengths.Length; start += lengths[i], i++)
            {
                HashDataManaged(messages.Slice(start, lengths[i]), digests.Slice(i * digestLength, digestLength));
            }

            return;
        }

        Span<byte> blocks = stackalloc byte[Parallel * RateBytes];
        blocks.Clear();
        for (int i = 0, start = 0; i < lengths.Length; start += lengths[i], i++)
        {
            var block = blocks.Slice(i * RateBytes, RateBytes);
            var message = messages.Slice(start, lengths[i]);
            if (message.Length > MaxShortMessage)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths), "A message longer than one block less one byte.");
            }

            message.CopyTo(block);
            block[message.Length] ^= 0x1F;
            block[RateBytes - 1] ^= 0x80;
        }

        var words = MemoryMarshal.Cast<byte, ulong>(blocks);
        if (Vector512.IsHardwareAccelerated && lengths.Length > QuadParallel)
        {
            Span<OctLane> state = stackalloc OctLane[Lanes];
            for (int lane = 0; lane < Lanes; lane++)
            {
                state[lane] = lane < RateBytes / 8
                    ? new OctLane(Vector512.Create(ReadLane(words, 0, lane), ReadLane(words, 1, lane), ReadLane(words, 2, lane), ReadLane(words, 3, lane), ReadLane(words, 4, lane), ReadLane(words, 5, lane), ReadLane(words, 6, lane), ReadLane(words, 7, lane)))
                    : default;
            }

            Permute(state);
            WriteDigests(MemoryMarshal.Cast<OctLane, ulong>(state), Parallel, 0, lengths.Length, digests, digestLength);
            return;
        }

        Span<QuadLane> quad = stackalloc QuadLane[Lanes];
        for (var first = 0; first < lengths.Length; first += QuadParallel)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                quad[lane] = lane < RateBytes / 8
                    ? new QuadLane(Vector256.Create(ReadLane(words, first, lane), ReadLane(words, first + 1, lane), ReadLane(words, first + 2, lane), ReadLane(words, first + 3, lane)))
                    : default;
            }

            Permute(quad);
            WriteDigests(MemoryMarshal.Cast<QuadLane, ulong>(quad), QuadParallel, first, Math.Min(lengths.Length - first, QuadParallel), digests, digestLength);
        }
    }

    /// <summary>The digests of <paramref name="count"/> states held side by side, <paramref name="width"/> to a lane, as messages <paramref name="first"/> onward.</summary>
    private static void WriteDigests(ReadOnlySpan<ulong> state, int width, int first, int count, Span<byte> digests, int digestLength)
    {
        Span<byte> lanes = stackalloc byte[RateBytes];
        for (int i = 0; i < count; i++)
        {
            for (int lane = 0; lane * 8 < digestLength; lane++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(lanes[(lane * 8)..], state[(lane * width) + i]);
            }

            lanes[..digestLength].CopyTo(digests.Slice((first + i) * digestLength, digestLength));
        }
    }

    private static ulong ReadLane(ReadOnlySpan<ulong> words, int block, int lane) =>
        BitConverter.IsLittleEndian ? words[(block * RateBytes / 8) + lane] : BinaryPrimitives.ReverseEndianness(words[(block * RateBytes / 8) + lane]);

    /// <summary>The managed sponge, reachable by the tests so they can check it against the OS implementation.</summary>
    internal static void HashDataManaged(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<ScalarLane> lanes = stackalloc ScalarLane[Lanes];
        lanes.Clear();
        var state = MemoryMarshal.Cast<ScalarLane, ulong>(lanes);

        while (source.Length >= RateBytes)
        {
            AbsorbBlock(state, source[..RateBytes]);
            Permute(lanes);
            source = source[RateBytes..];
        }

        // Last (partial) block with the SHAKE domain suffix 1111 and the final bit of pad10*1.
        Span<byte> block = stackalloc byte[RateBytes];
        block.Clear();
        source.CopyTo(block);
        block[source.Length] ^= 0x1F;
        block[RateBytes - 1] ^= 0x80;
        AbsorbBlock(state, block);
        Permute(lanes);

        while (true)
        {
            int take = Math.Min(destination.Length, RateBytes);
            SqueezeBlock(state, destination[..take]);
            destination = destination[take..];
            if (destination.IsEmpty)
            {
                return;
            }

            Permute(lanes);
        }
    }

    private static void AbsorbBlock(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (int i = 0; i < RateBytes / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(i * 8, 8));
        }
    }

    private static void SqueezeBlock(ReadOnlySpan<ulong> state, Span<byte> output)
    {
        Span<byte> lane = stackalloc byte[8];
        for (int i = 0; i < output.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(lane, state[i / 8]);
            lane[..Math.Min(8, output.Length - i)].CopyTo(output[i..]);
        }
    }

    // Keccak-f[1600] with the 25 lanes in locals (lane (x, y) is s[x + 5y]): about 4x faster than indexing a span.
    // Generic over the lane, so that one body serves one state (ulong), four side by side (Vector256) and eight (Vector512).
    // Compiled optimized at once: its tier-0 code calls each lane operation instead of inlining it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Permute<TLane>(Span<TLane> state)
        where TLane : struct, IKeccakLane<TLane>
    {
        TLane s0 = state[0];
        TLane s1 = state[1];
        TLane s2 = state[2];
        TLane s3 = state[3];
        TLane s4 = state[4];
        TLane s5 = state[5];
        TLane s6 = state[6];
        TLane s7 = state[7];
        TLane s8 = state[8];
        TLane s9 = state[9];
        TLane s10 = state[10];
        TLane s11 = state[11];
        TLane s12 = state[12];
        TLane s13 = state[13];
        TLane s14 = state[14];
        TLane s15 = state[15];
        TLane s16 = state[16];
        TLane s17 = state[17];
        TLane s18 = state[18];
        TLane s19 = state[19];
        TLane s20 = state[20];
        TLane s21 = state[21];
        TLane s22 = state[22];
        TLane s23 = state[23];
        TLane s24 = state[24];

        foreach (ulong roundConstant in RoundConstants)
        {
            // theta
            TLane c0 = s0 ^ s5 ^ s10 ^ s15 ^ s20;
            TLane c1 = s1 ^ s6 ^ s11 ^ s16 ^ s21;
            TLane c2 = s2 ^ s7 ^ s12 ^ s17 ^ s22;
            TLane c3 = s3 ^ s8 ^ s13 ^ s18 ^ s23;
            TLane c4 = s4 ^ s9 ^ s14 ^ s19 ^ s24;
            TLane d0 = c4 ^ TLane.RotateLeft(c1, 1);
            TLane d1 = c0 ^ TLane.RotateLeft(c2, 1);
            TLane d2 = c1 ^ TLane.RotateLeft(c3, 1);
            TLane d3 = c2 ^ TLane.RotateLeft(c4, 1);
            TLane d4 = c3 ^ TLane.RotateLeft(c0, 1);
            s0 ^= d0; s5 ^= d0; s10 ^= d0; s15 ^= d0; s20 ^= d0;
            s1 ^= d1; s6 ^= d1; s11 ^= d1; s16 ^= d1; s21 ^= d1;
            s2 ^= d2; s7 ^= d2; s12 ^= d2; s17 ^= d2; s22 ^= d2;
            s3 ^= d3; s8 ^= d3; s13 ^= d3; s18 ^= d3; s23 ^= d3;
            s4 ^= d4; s9 ^= d4; s14 ^= d4; s19 ^= d4; s24 ^= d4;

            // rho and pi: lane (x, y) moves to (y, 2x + 3y), rotated
            TLane b0 = s0;
            TLane b16 = TLane.RotateLeft(s5, 36);
            TLane b7 = TLane.RotateLeft(s10, 3);
            TLane b23 = TLane.RotateLeft(s15, 41);
            TLane b14 = TLane.RotateLeft(s20, 18);
            TLane b10 = TLane.RotateLeft(s1, 1);
            TLane b1 = TLane.RotateLeft(s6, 44);
            TLane b17 = TLane.RotateLeft(s11, 10);
            TLane b8 = TLane.RotateLeft(s16, 45);
            TLane b24 = TLane.RotateLeft(s21, 2);
            TLane b20 = TLane.RotateLeft(s2, 62);
            TLane b11 = TLane.RotateLeft(s7, 6);
            TLane b2 = TLane.RotateLeft(s12, 43);
            TLane b18 = TLane.RotateLeft(s17, 15);
            TLane b9 = TLane.RotateLeft(s22, 61);
            TLane b5 = TLane.RotateLeft(s3, 28);
            TLane b21 = TLane.RotateLeft(s8, 55);
            TLane b12 = TLane.RotateLeft(s13, 25);
            TLane b3 = TLane.RotateLeft(s18, 21);
            TLane b19 = TLane.RotateLeft(s23, 56);
            TLane b15 = TLane.RotateLeft(s4, 27);
            TLane b6 = TLane.RotateLeft(s9, 20);
            TLane b22 = TLane.RotateLeft(s14, 39);
            TLane b13 = TLane.RotateLeft(s19, 8);
            TLane b4 = TLane.RotateLeft(s24, 14);

            // chi
            s0 = b0 ^ TLane.AndNot(b1, b2);
            s1 = b1 ^ TLane.AndNot(b2, b3);
            s2 = b2 ^ TLane.AndNot(b3, b4);
            s3 = b3 ^ TLane.AndNot(b4, b0);
            s4 = b4 ^ TLane.AndNot(b0, b1);
            s5 = b5 ^ TLane.AndNot(b6, b7);
            s6 = b6 ^ TLane.AndNot(b7, b8);
            s7 = b7 ^ TLane.AndNot(b8, b9);
            s8 = b8 ^ TLane.AndNot(b9, b5);
            s9 = b9 ^ TLane.AndNot(b5, b6);
            s10 = b10 ^ TLane.AndNot(b11, b12);
            s11 = b11 ^ TLane.AndNot(b12, b13);
            s12 = b12 ^ TLane.AndNot(b13, b14);
            s13 = b13 ^ TLane.AndNot(b14, b10);
            s14 = b14 ^ TLane.AndNot(b10, b11);
            s15 = b15 ^ TLane.AndNot(b16, b17);
            s16 = b16 ^ TLane.AndNot(b17, b18);
            s17 = b17 ^ TLane.AndNot(b18, b19);
            s18 = b18 ^ TLane.AndNot(b19, b15);
            s19 = b19 ^ TLane.AndNot(b15, b16);
            s20 = b20 ^ TLane.AndNot(b21, b22);
            s21 = b21 ^ TLane.AndNot(b22, b23);
            s22 = b22 ^ TLane.AndNot(b23, b24);
            s23 = b23 ^ TLane.AndNot(b24, b20);
            s24 = b24 ^ TLane.AndNot(b20, b21);

            // iota
            s0 = TLane.Xor(s0, roundConstant);
        }

        state[0] = s0;
        state[1] = s1;
        state[2] = s2;
        state[3] = s3;
        state[4] = s4;
        state[5] = s5;
        state[6] = s6;
        state[7] = s7;
        state[8] = s8;
        state[9] = s9;
        state[10] = s10;
        state[11] = s11;
        state[12] = s12;
        state[13] = s13;
        state[14] = s14;
        state[15] = s15;
        state[16] = s16;
        state[17] = s17;
        state[18] = s18;
        state[19] = s19;
        state[20] = s20;
        state[21] = s21;
        state[22] = s22;
        state[23] = s23;
        state[24] = s24;
    }
}
