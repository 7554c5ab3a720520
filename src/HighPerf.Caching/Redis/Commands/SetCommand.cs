using System.Buffers;
using HighPerf.Caching.Redis.Connection;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Commands;

/// <summary>SET key value [EX s | PX ms | KEEPTTL] [NX | XX], the value from memory or a sequence.</summary>
internal readonly ref struct SetCommand(string key, ReadOnlySpan<byte> value, in ReadOnlySequence<byte> sequence, bool useSequence, TimeSpan? expiry, RedisSetCondition condition, bool keepTtl) : IRespCommand
{
    private readonly ReadOnlySpan<byte> _value = value;
    private readonly ReadOnlySequence<byte> _sequence = sequence;

    public void Write(IBufferWriter<byte> writer)
    {
        var count = 3 + (expiry is null ? 0 : 2) + (keepTtl ? 1 : 0) + (condition == RedisSetCondition.Always ? 0 : 1);
        RespWriter.WriteArrayHeader(writer, count);
        RespWriter.WriteBulk(writer, "SET"u8);
        RespWriter.WriteBulk(writer, key);
        if (useSequence)
        {
            RespWriter.WriteBulk(writer, _sequence);
        }
        else
        {
            RespWriter.WriteBulk(writer, _value);
        }

        if (expiry is { } ttl)
        {
            // Whole seconds as EX keep the command short; anything finer needs PX.
            if (ttl.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                RespWriter.WriteBulk(writer, "EX"u8);
                RespWriter.WriteBulk(writer, ttl.Ticks / TimeSpan.TicksPerSecond);
            }
            else
            {
                RespWriter.WriteBulk(writer, "PX"u8);
                RespWriter.WriteBulk(writer, Math.Max(1, (long)Math.Ceiling(ttl.TotalMilliseconds)));
            }
        }

        if (keepTtl)
        {
            RespWriter.WriteBulk(writer, "KEEPTTL"u8);
        }

        if (condition != RedisSetCondition.Always)
        {
            RespWriter.WriteBulk(writer, condition == RedisSetCondition.NotExists ? "NX"u8 : "XX"u8);
        }
    }
}
