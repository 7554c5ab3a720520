using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow.CData;

/// <summary>An imported <see cref="CArrowArrayStream"/>, moved into our own native memory; released exactly once.</summary>
internal sealed unsafe class ImportedStreamHandle : SafeHandle
{
    public ImportedStreamHandle(CArrowArrayStream* source)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        var moved = (CArrowArrayStream*)NativeMemory.Alloc((nuint)sizeof(CArrowArrayStream));
        *moved = *source;
        source->Release = null;
        SetHandle((nint)moved);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public CArrowArrayStream* Stream => (CArrowArrayStream*)handle;

    protected override bool ReleaseHandle()
    {
        var stream = (CArrowArrayStream*)handle;
        if (stream->Release != null)
        {
            stream->Release(stream);
        }

        NativeMemory.Free(stream);
        return true;
    }
}
