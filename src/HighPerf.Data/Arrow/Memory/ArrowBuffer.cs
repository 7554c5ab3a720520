using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// A contiguous byte range of native memory that an array uses, with the memory that owns it. An array
/// holds one share of <see cref="Owner"/> for each of its buffers.
/// </summary>
internal readonly unsafe struct ArrowBuffer
{
    // A zeroed, aligned block for buffers that must not be null but hold nothing (an empty offsets buffer
    // reads as the single offset 0). Never freed: it lives as long as the process.
    private static readonly byte* s_zeros = AllocateZeros();

    public ArrowBuffer(ArrowMemory? owner, byte* pointer, int length)
    {
        Owner = owner;
        Pointer = pointer;
        Length = length;
    }

    /// <summary>No buffer at all (an absent validity bitmap).</summary>
    public static ArrowBuffer None => default;

    /// <summary>A zero-length buffer whose pointer is valid and points at 64 zero bytes.</summary>
    public static ArrowBuffer Zeros => new(null, s_zeros, 0);

    /// <summary>The 64 zero bytes behind <see cref="Zeros"/>.</summary>
    internal static byte* ZeroBlock => s_zeros;

    public ArrowMemory? Owner { get; }

    public byte* Pointer { get; }

    public int Length { get; }

    public bool IsNone => Pointer == null;

    public ReadOnlySpan<byte> Span => new(Pointer, Length);

    private static byte* AllocateZeros()
    {
        var block = (byte*)NativeMemory.AlignedAlloc(AlignedMemory.Alignment, AlignedMemory.Alignment);
        NativeMemory.Clear(block, AlignedMemory.Alignment);
        return block;
    }
}
