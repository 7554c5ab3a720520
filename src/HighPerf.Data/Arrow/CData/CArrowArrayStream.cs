using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow;

/// <summary>
/// The C Stream Interface's <c>struct ArrowArrayStream</c>, field for field: a pull-based source of arrays
/// (record batches) of one schema. Callbacks return 0 or an errno value; the end of the stream is an
/// array whose release callback is null.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CArrowArrayStream
{
    /// <summary>Fills the schema of the stream; returns 0 or an errno value.</summary>
    public delegate* unmanaged[Cdecl]<CArrowArrayStream*, CArrowSchema*, int> GetSchema;

    /// <summary>Fills the next array, or a released one at the end; returns 0 or an errno value.</summary>
    public delegate* unmanaged[Cdecl]<CArrowArrayStream*, CArrowArray*, int> GetNext;

    /// <summary>The description of the last error (NUL-terminated UTF-8, valid until the next call), or null.</summary>
    public delegate* unmanaged[Cdecl]<CArrowArrayStream*, byte*> GetLastError;

    /// <summary>The producer's release callback; null once released.</summary>
    public delegate* unmanaged[Cdecl]<CArrowArrayStream*, void> Release;

    /// <summary>The producer's private data.</summary>
    public void* PrivateData;

    /// <summary>Whether the structure has been released (or was never filled).</summary>
    public readonly bool IsReleased => Release == null;

    /// <summary>Calls the release callback of <paramref name="stream"/> if it has not been released yet.</summary>
    /// <param name="stream">The stream.</param>
    public static void Free(CArrowArrayStream* stream)
    {
        if (stream != null && stream->Release != null)
        {
            stream->Release(stream);
        }
    }
}
