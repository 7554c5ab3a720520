using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// A block of 64-byte aligned native memory (the alignment the Arrow format recommends), its size rounded
/// up to a multiple of 64 so that every buffer carries its own padding.
/// </summary>
internal sealed unsafe class AlignedMemory : ArrowMemory
{
    internal const int Alignment = 64;

    // Allocations below this are not worth telling the GC about.
    private const int PressureThreshold = 64 * 1024;

    private static long s_live;

    private readonly nuint _capacity;

    public AlignedMemory(nuint byteCount)
    {
        _capacity = RoundUp(byteCount == 0 ? 1 : byteCount);
        SetHandle((nint)NativeMemory.AlignedAlloc(_capacity, Alignment));
        Interlocked.Increment(ref s_live);
        if (_capacity >= PressureThreshold)
        {
            GC.AddMemoryPressure((long)_capacity);
        }
    }

    /// <summary>How many blocks are allocated and not yet freed, process-wide (for leak tests).</summary>
    internal static long LiveCount => Interlocked.Read(ref s_live);

    public byte* Pointer => (byte*)handle;

    /// <summary>The usable size in bytes, a multiple of 64.</summary>
    public nuint Capacity => _capacity;

    internal static nuint RoundUp(nuint length) => (length + (Alignment - 1)) & ~(nuint)(Alignment - 1);

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        Interlocked.Decrement(ref s_live);
        if (_capacity >= PressureThreshold)
        {
            GC.RemoveMemoryPressure((long)_capacity);
        }

        return true;
    }
}
