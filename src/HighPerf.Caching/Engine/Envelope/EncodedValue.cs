using System.Buffers;
using HighPerf.Caching.Buffers;
using HighPerf.Caching.Serialization;
using HighPerf.Compression;

namespace HighPerf.Caching.Engine.Envelope;

/// <summary>
/// A value serialized once, for both levels: its payload size is what it costs in L1, and its
/// envelope (header, then payload, zstd-compressed past the threshold) is what L2 stores. Raw
/// values are not copied: the envelope points at their own memory. Dispose returns the buffers.
/// </summary>
internal struct EncodedValue : IDisposable
{
    private PooledBufferWriter? _buffer;
    private byte[]? _compressed;

    /// <summary>The serialized size, before compression.</summary>
    internal int PayloadSize { get; private set; }

    /// <summary>The envelope; empty when only the size was asked for.</summary>
    internal ReadOnlySequence<byte> Envelope { get; private set; }

    /// <summary>Serializes <paramref name="value"/>; with <paramref name="forL2"/> false only its size is wanted, and raw values are not even copied.</summary>
    internal static EncodedValue Create<T>(T value, ICacheSerializer<T> serializer, bool forL2, in CacheEnvelope header, int compressionThreshold, int compressionLevel)
    {
        var encoded = default(EncodedValue);
        var headerLength = forL2 ? header.Length : 0;
        var raw = serializer as IRawCacheSerializer<T>;
        ReadOnlyMemory<byte> payload;
        if (raw is not null)
        {
            payload = raw.AsBytes(value);
            if (!forL2)
            {
                encoded.PayloadSize = payload.Length;
                return encoded;
            }

            encoded._buffer = new PooledBufferWriter(headerLength);
            encoded._buffer.GetSpan(headerLength);
            encoded._buffer.Advance(headerLength);
        }
        else
        {
            encoded._buffer = new PooledBufferWriter(headerLength + 1024);
            encoded._buffer.GetSpan(headerLength);
            encoded._buffer.Advance(headerLength);
            serializer.Serialize(value, encoded._buffer);
            payload = encoded._buffer.WrittenMemory[headerLength..];
        }

        encoded.PayloadSize = payload.Length;
        if (!forL2)
        {
            return encoded;
        }

        var compressed = false;
        if (compressionThreshold > 0 && payload.Length >= compressionThreshold)
        {
            var packed = ArrayPool<byte>.Shared.Rent(Zstd.GetMaxCompressedLength(payload.Length));
            var length = Zstd.Compress(payload.Span, packed, compressionLevel);
            if (length < payload.Length)
            {
                encoded._compressed = packed;
                payload = packed.AsMemory(0, length);
                compressed = true;
            }
            else
            {
                ArrayPool<byte>.Shared.Return(packed);
            }
        }

        new CacheEnvelope(compressed, payload.Length, header.CreatedAtUnix, header.FreshUntilUnix, header.Tags)
            .Write(encoded._buffer.WrittenSpan[..headerLength], headerLength);
        encoded.Envelope = raw is null && !compressed
            ? new ReadOnlySequence<byte>(encoded._buffer.WrittenMemory)
            : ChainedSegment.Join(encoded._buffer.WrittenMemory[..headerLength], payload);
        return encoded;
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _buffer = null;
        if (_compressed is { } compressed)
        {
            _compressed = null;
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }
}
