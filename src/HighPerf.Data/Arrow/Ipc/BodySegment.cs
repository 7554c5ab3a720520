namespace HighPerf.Data.Arrow.Ipc;

/// <summary>
/// One piece of a record batch body as it goes out: bytes in native memory (an array's buffer, written
/// without a copy) or in the encoder's managed scratch (length prefixes and compressed buffers), followed
/// by zero padding up to the body alignment.
/// </summary>
internal readonly unsafe struct BodySegment
{
    public BodySegment(byte* pointer, int length, int padding)
    {
        Pointer = pointer;
        Length = length;
        Padding = padding;
    }

    public BodySegment(int scratchOffset, int length, int padding)
    {
        ScratchOffset = scratchOffset;
        Length = length;
        Padding = padding;
    }

    /// <summary>Native bytes, or null when the bytes are in the scratch buffer at <see cref="ScratchOffset"/>.</summary>
    public byte* Pointer { get; }

    public int ScratchOffset { get; }

    public int Length { get; }

    /// <summary>Zero bytes to write after this segment.</summary>
    public int Padding { get; }
}
