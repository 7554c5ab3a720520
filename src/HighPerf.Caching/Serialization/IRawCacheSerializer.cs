namespace HighPerf.Caching.Serialization;

/// <summary>
/// A serializer whose bytes are the value's own memory, so that neither direction encodes or
/// copies beyond what the transport does: writes hand that memory to L2 as it is, and reads copy
/// the payload from the socket buffer straight into the new value.
/// </summary>
internal interface IRawCacheSerializer<T> : ICacheSerializer<T>
{
    /// <summary>The value's bytes, without a copy.</summary>
    ReadOnlyMemory<byte> AsBytes(T value);

    /// <summary>A new value of <paramref name="byteLength"/> bytes for a read to fill; <see langword="null"/> when no value has that length.</summary>
    RawTarget<T>? CreateTarget(int byteLength);
}

/// <summary>A value under construction by a read: its bytes are filled in place, then it is taken.</summary>
internal abstract class RawTarget<T>
{
    internal abstract Span<byte> Bytes { get; }

    /// <summary>The same bytes as memory, for transports that write through <see cref="System.Buffers.IBufferWriter{T}.GetMemory"/>.</summary>
    internal abstract Memory<byte> Memory { get; }

    internal abstract T Value { get; }
}
