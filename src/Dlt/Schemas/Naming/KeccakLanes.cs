using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dlt.Schemas.Naming;

/// <summary>One lane of a Keccak state: a 64-bit word, or the same lane of several states side by side.</summary>
internal interface IKeccakLane<TSelf>
    where TSelf : struct, IKeccakLane<TSelf>
{
    static abstract TSelf operator ^(TSelf left, TSelf right);

    /// <summary><c>~left &amp; right</c>.</summary>
    static abstract TSelf AndNot(TSelf left, TSelf right);

    static abstract TSelf RotateLeft(TSelf value, [ConstantExpected(Min = 1, Max = 63)] byte bits);

    static abstract TSelf Xor(TSelf value, ulong constant);
}

/// <summary>The lane of one Keccak state.</summary>
internal readonly record struct ScalarLane(ulong Value) : IKeccakLane<ScalarLane>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator ^(ScalarLane left, ScalarLane right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane AndNot(ScalarLane left, ScalarLane right) => new(~left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane RotateLeft(ScalarLane value, [ConstantExpected(Min = 1, Max = 63)] byte bits) => new(BitOperations.RotateLeft(value.Value, bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Xor(ScalarLane value, ulong constant) => new(value.Value ^ constant);
}

/// <summary>The same lane of four Keccak states, one per 64-bit element of a 256-bit vector.</summary>
internal readonly record struct QuadLane(Vector256<ulong> Value) : IKeccakLane<QuadLane>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static QuadLane operator ^(QuadLane left, QuadLane right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static QuadLane AndNot(QuadLane left, QuadLane right) => new(Vector256.AndNot(right.Value, left.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static QuadLane RotateLeft(QuadLane value, [ConstantExpected(Min = 1, Max = 63)] byte bits) => new(Avx512F.VL.IsSupported
        ? Avx512F.VL.RotateLeft(value.Value, bits)
        : Vector256.ShiftLeft(value.Value, bits) | Vector256.ShiftRightLogical(value.Value, 64 - bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static QuadLane Xor(QuadLane value, ulong constant) => new(value.Value ^ Vector256.Create(constant));
}

/// <summary>The same lane of eight Keccak states, one per 64-bit element of a 512-bit vector.</summary>
internal readonly record struct OctLane(Vector512<ulong> Value) : IKeccakLane<OctLane>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OctLane operator ^(OctLane left, OctLane right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OctLane AndNot(OctLane left, OctLane right) => new(Vector512.AndNot(right.Value, left.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OctLane RotateLeft(OctLane value, [ConstantExpected(Min = 1, Max = 63)] byte bits) => new(Avx512F.IsSupported
        ? Avx512F.RotateLeft(value.Value, bits)
        : Vector512.ShiftLeft(value.Value, bits) | Vector512.ShiftRightLogical(value.Value, 64 - bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OctLane Xor(OctLane value, ulong constant) => new(value.Value ^ Vector512.Create(constant));
}
