using System.Buffers;

namespace HighPerf.Caching.Buffers;

/// <summary>A segment of a <see cref="ReadOnlySequence{T}"/> made of memory owned elsewhere, to send a header and a value without joining them.</summary>
internal sealed class ChainedSegment : ReadOnlySequenceSegment<byte>
{
    internal ChainedSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    /// <summary>The sequence of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    internal static ReadOnlySequence<byte> Join(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second)
    {
        if (second.IsEmpty)
        {
            return new ReadOnlySequence<byte>(first);
        }

        var head = new ChainedSegment(first);
        var tail = new ChainedSegment(second) { RunningIndex = first.Length };
        head.Next = tail;
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }
}
