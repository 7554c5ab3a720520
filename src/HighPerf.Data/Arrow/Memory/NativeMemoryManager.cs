using System.Buffers;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// Presents a range of native memory as <see cref="Memory{T}"/> so that async stream calls can read from
/// or write into Arrow buffers without copying. Reusable: <see cref="Reset"/> points it elsewhere. It does
/// not own the memory; whoever uses it keeps the memory alive for the duration of the call.
/// </summary>
internal sealed unsafe class NativeMemoryManager : MemoryManager<byte>
{
    private byte* _pointer;
    private int _length;

    public Memory<byte> Reset(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
        return Memory;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        _pointer = null;
        _length = 0;
    }
}
