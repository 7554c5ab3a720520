using System.Runtime.InteropServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.CData;

/// <summary>
/// An imported <see cref="CArrowArray"/>, moved into native memory of our own: the buffers of the arrays
/// made from it point into the producer's memory, and the producer's release callback runs exactly once,
/// when the last of them is disposed (or, if they are never disposed, when the handle is finalized).
/// </summary>
internal sealed unsafe class ImportedArrayMemory : ArrowMemory
{
    private static long s_live;

    /// <summary>Moves <paramref name="source"/> (marking it released, without calling its release) into a new owner.</summary>
    public ImportedArrayMemory(CArrowArray* source)
    {
        var moved = (CArrowArray*)NativeMemory.Alloc((nuint)sizeof(CArrowArray));
        *moved = *source;
        source->Release = null;
        SetHandle((nint)moved);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>How many imported arrays are still held, process-wide (for leak tests).</summary>
    internal static long LiveCount => Interlocked.Read(ref s_live);

    public CArrowArray* Array => (CArrowArray*)handle;

    protected override bool ReleaseHandle()
    {
        var array = (CArrowArray*)handle;
        if (array->Release != null)
        {
            array->Release(array);
        }

        NativeMemory.Free(array);
        Interlocked.Decrement(ref s_live);
        return true;
    }
}
