using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// A block of 64-byte aligned native memory (the alignment the Arrow format recommends), its size rounded
/// up to a multiple of 64 so that every buffer carries its own padding. Large blocks are recycled through
/// <see cref="AlignedBlockCache"/>. The memory is not zeroed.
/// </summary>
internal sealed unsafe class AlignedMemory : ArrowMemory
{
    internal const int Alignment = 64;

    private static long s_live;

    private readonly nuint _capacity;

    public AlignedMemory(nuint byteCount)
    {
        SetHandle((nint)AlignedBlockCache.Rent(RoundUp(byteCount == 0 ? 1 : byteCount), out _capacity));
        Interlocked.Increment(ref s_live);
    }

    /// <summary>How many blocks are allocated and not yet freed, process-wide (for leak tests).</summary>
    internal static long LiveCount => Interlocked.Read(ref s_live);

    public byte* Pointer => (byte*)handle;

    /// <summary>The usable size in bytes, a multiple of 64.</summary>
    public nuint Capacity => _capacity;

    internal static nuint RoundUp(nuint length) => (length + (Alignment - 1)) & ~(nuint)(Alignment - 1);

    protected override bool ReleaseHandle()
    {
        AlignedBlockCache.Return((byte*)handle, _capacity);
        Interlocked.Decrement(ref s_live);

        return true;
    }
}
