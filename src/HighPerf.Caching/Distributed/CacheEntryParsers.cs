using System.Buffers;
using HighPerf.Caching.Redis;
using HighPerf.Caching.Redis.Operations;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Distributed;

/// <summary>A cache value read by GET: the payload copied once, straight from the receive buffer, past its header.</summary>
internal readonly record struct CacheRead(bool Found, byte[]? Value, CacheEntryHeader Header);

/// <summary>GET of a cache entry into a new array of exactly the payload's size.</summary>
internal readonly struct CacheBytesParser : IReplyParser<CacheRead>
{
    public static CacheRead Parse(ref RespFrame frame, object? state)
    {
        var length = frame.ReadBulkLength();
        if (length < 0)
        {
            return default;
        }

        var header = ReadHeader(ref frame, length);
        var value = GC.AllocateUninitializedArray<byte>(length - header.Length);
        frame.ReadPayload(value);
        return new CacheRead(true, value, header);
    }

    internal static CacheEntryHeader ReadHeader(ref RespFrame frame, int length)
    {
        Span<byte> first = stackalloc byte[CacheEntryHeader.MaxLength];
        frame.ReadPayload(first[..1]);
        if (first[0] == CacheEntryHeader.Sliding && length >= CacheEntryHeader.SlidingLength)
        {
            frame.ReadPayload(first[1..CacheEntryHeader.SlidingLength]);
        }
        else if (first[0] != CacheEntryHeader.Plain)
        {
            throw new RedisException(RedisErrorKind.Protocol, "The cached value was not written by RedisDistributedCache (unknown header).");
        }

        CacheEntryHeader.TryRead(first, out var header);
        return header;
    }
}

/// <summary>GET of a cache entry into the <see cref="IBufferWriter{T}"/> given as state.</summary>
internal readonly struct CacheWriterParser : IReplyParser<CacheRead>
{
    public static CacheRead Parse(ref RespFrame frame, object? state)
    {
        var length = frame.ReadBulkLength();
        if (length < 0)
        {
            return default;
        }

        var header = CacheBytesParser.ReadHeader(ref frame, length);
        frame.ReadPayload((IBufferWriter<byte>)state!, length - header.Length);
        return new CacheRead(true, null, header);
    }
}
