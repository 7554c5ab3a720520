using System.Buffers;
using HighPerf.Caching.Redis.Connection;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Distributed;

/// <summary>SET key (header + value) [PX ms]: the header is written in front of the value as one bulk string, with no intermediate copy.</summary>
internal readonly ref struct CacheSetCommand(string key, CacheEntryHeader header, ReadOnlySpan<byte> value, in ReadOnlySequence<byte> sequence, bool useSequence, long? ttlMilliseconds) : IRespCommand
{
    private readonly ReadOnlySpan<byte> _value = value;
    private readonly ReadOnlySequence<byte> _sequence = sequence;

    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, ttlMilliseconds is null ? 3 : 5);
        RespWriter.WriteBulk(writer, "SET"u8);
        RespWriter.WriteBulk(writer, key);

        var valueLength = useSequence ? checked((int)_sequence.Length) : _value.Length;
        RespWriter.WriteBulkStart(writer, header.Length + valueLength);
        header.Write(writer.GetSpan(header.Length));
        writer.Advance(header.Length);
        if (useSequence)
        {
            foreach (var segment in _sequence)
            {
                writer.Write(segment.Span);
            }
        }
        else
        {
            writer.Write(_value);
        }

        RespWriter.WriteBulkEnd(writer);
        if (ttlMilliseconds is { } ttl)
        {
            RespWriter.WriteBulk(writer, "PX"u8);
            RespWriter.WriteBulk(writer, ttl);
        }
    }
}
