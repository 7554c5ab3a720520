using System.Buffers;
using HighPerf.Caching.Serialization;

namespace HighPerf.Caching.Engine.Envelope;

/// <summary>
/// The destination of one L2 read: it takes the bytes as the transport copies them out of its
/// receive buffer, the header into a small pooled array and the payload, once the header has said
/// how long it is, straight into the new value when the serializer is raw (no second copy), or
/// into a pooled array otherwise. Bytes that do not form one of our envelopes are swallowed and
/// the read reports itself corrupt. <see cref="Rent"/> reuses the reader a thread gave back last
/// (an L2 hit would otherwise allocate one per read); the transport never writes into a reader after
/// its read has ended, since a read completed early discards its reply.
/// </summary>
internal sealed class EnvelopeReader<T> : IBufferWriter<byte>, IDisposable
{
    private const int InitialHeaderCapacity = 256;
    private const int DiscardLength = 4096;

    [ThreadStatic]
    private static EnvelopeReader<T>? t_spare;

    private readonly ICacheSerializer<T> _serializer;
    private readonly IRawCacheSerializer<T>? _raw;
    private byte[] _header = ArrayPool<byte>.Shared.Rent(InitialHeaderCapacity);
    private int _headerLength = CacheEnvelope.PrefixLength;
    private int _headerFilled;
    private int _payloadLength;
    private int _payloadFilled;
    private byte[]? _payload;
    private RawTarget<T>? _target;
    private byte[]? _discard;

    internal EnvelopeReader(ICacheSerializer<T> serializer)
    {
        _serializer = serializer;
        _raw = serializer as IRawCacheSerializer<T>;
    }

    /// <summary>A reader for one L2 read through <paramref name="serializer"/>: this thread's spare one when it has one for it.</summary>
    internal static EnvelopeReader<T> Rent(ICacheSerializer<T> serializer)
    {
        var spare = t_spare;
        if (spare is not null && ReferenceEquals(spare._serializer, serializer))
        {
            t_spare = null;
            return spare;
        }

        return new EnvelopeReader<T>(serializer);
    }

    /// <summary>Whether the bytes read so far were not one whole envelope.</summary>
    internal bool IsCorrupt => _discard is not null || _headerFilled < _headerLength || _payloadFilled != _payloadLength;

    internal ReadOnlySpan<byte> Header => _header.AsSpan(0, _headerLength);

    /// <summary>The value, decoded from the payload; call only when not <see cref="IsCorrupt"/>.</summary>
    internal T Decode(in CacheEnvelope envelope, ICacheSerializer<T> serializer)
    {
        if (_target is { } target)
        {
            return target.Value;
        }

        ReadOnlySpan<byte> payload = _payload.AsSpan(0, _payloadLength);
        if (!envelope.Compressed)
        {
            return serializer.Deserialize(new ReadOnlySequence<byte>(_payload.AsMemory(0, _payloadLength)));
        }

        var length = Compression.Zstd.GetDecompressedLength(payload) is { } known and >= 0 and <= int.MaxValue
            ? (int)known
            : throw new InvalidDataException("A compressed cache value does not state its decompressed size.");
        if (_raw?.CreateTarget(length) is { } direct)
        {
            Compression.Zstd.Decompress(payload, direct.Bytes);
            return direct.Value;
        }

        var decompressed = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var written = Compression.Zstd.Decompress(payload, decompressed.AsSpan(0, length));
            return serializer.Deserialize(new ReadOnlySequence<byte>(decompressed, 0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decompressed);
        }
    }

    public void Advance(int count)
    {
        if (_discard is not null)
        {
            return;
        }

        if (_headerFilled < _headerLength)
        {
            _headerFilled += count;
            if (_headerFilled == CacheEnvelope.PrefixLength && _headerLength == CacheEnvelope.PrefixLength)
            {
                ReadPrefix();
            }

            return;
        }

        _payloadFilled += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_discard is null)
        {
            if (_headerFilled < _headerLength)
            {
                return _header.AsMemory(_headerFilled, _headerLength - _headerFilled);
            }

            if (_payloadFilled < _payloadLength)
            {
                return _target is { } target
                    ? target.Memory[_payloadFilled..]
                    : _payload.AsMemory(_payloadFilled, _payloadLength - _payloadFilled);
            }

            _discard = ArrayPool<byte>.Shared.Rent(DiscardLength);
        }

        return _discard;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Ends the read: the pooled arrays go back, and the reader becomes this thread's spare (or is dropped when it has one).</summary>
    public void Dispose()
    {
        if (_payload is { } payload)
        {
            _payload = null;
            ArrayPool<byte>.Shared.Return(payload);
        }

        if (_discard is { } discard)
        {
            _discard = null;
            ArrayPool<byte>.Shared.Return(discard);
        }

        _target = null;
        _headerLength = CacheEnvelope.PrefixLength;
        _headerFilled = 0;
        _payloadLength = 0;
        _payloadFilled = 0;
        if (_header.Length == 0)
        {
            return;
        }

        if (t_spare is null)
        {
            t_spare = this;
            return;
        }

        ArrayPool<byte>.Shared.Return(_header);
        _header = [];
    }

    private void ReadPrefix()
    {
        if (!CacheEnvelope.TryReadPrefix(_header, out var headerLength, out var payloadLength))
        {
            _discard = ArrayPool<byte>.Shared.Rent(DiscardLength);
            return;
        }

        if (headerLength > _header.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(headerLength);
            _header.AsSpan(0, CacheEnvelope.PrefixLength).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_header);
            _header = grown;
        }

        _headerLength = headerLength;
        _payloadLength = payloadLength;
        var compressed = (_header[1] & 0x01) != 0;
        _target = compressed ? null : _raw?.CreateTarget(payloadLength);
        if (_target is null)
        {
            _payload = ArrayPool<byte>.Shared.Rent(Math.Max(payloadLength, 1));
        }
    }
}
