using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow;

/// <summary>
/// The C Data Interface's <c>struct ArrowArray</c>, field for field: the buffers of one array (a record batch
/// is a struct array whose children are the columns). The consumer calls <see cref="Release"/> once when done.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CArrowArray
{
    /// <summary>The number of values.</summary>
    public long Length;

    /// <summary>The number of nulls, or -1 when not computed.</summary>
    public long NullCount;

    /// <summary>The logical offset into the buffers, in values.</summary>
    public long Offset;

    /// <summary>The number of buffers.</summary>
    public long NBuffers;

    /// <summary>The number of children.</summary>
    public long NChildren;

    /// <summary>The buffers (<see cref="NBuffers"/> pointers; the validity pointer may be null when there are no nulls).</summary>
    public void** Buffers;

    /// <summary>The children (<see cref="NChildren"/> pointers).</summary>
    public CArrowArray** Children;

    /// <summary>The dictionary, or null.</summary>
    public CArrowArray* Dictionary;

    /// <summary>The producer's release callback; null once released.</summary>
    public delegate* unmanaged[Cdecl]<CArrowArray*, void> Release;

    /// <summary>The producer's private data.</summary>
    public void* PrivateData;

    /// <summary>Whether the structure has been released (or was never filled).</summary>
    public readonly bool IsReleased => Release == null;

    /// <summary>Calls the release callback of <paramref name="array"/> if it has not been released yet.</summary>
    /// <param name="array">A base structure (never a child: the producer releases children).</param>
    public static void Free(CArrowArray* array)
    {
        if (array != null && array->Release != null)
        {
            array->Release(array);
        }
    }
}
