using System.Buffers;
using HighPerf.Caching.Redis.Connection;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Commands;

/// <summary><c>NAME key</c>: GET, INCR, PTTL, SMEMBERS, and one-key DEL/UNLINK/EXISTS.</summary>
internal readonly ref struct KeyCommand(ReadOnlySpan<byte> name, string key) : IRespCommand
{
    private readonly ReadOnlySpan<byte> _name = name;

    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, 2);
        RespWriter.WriteBulk(writer, _name);
        RespWriter.WriteBulk(writer, key);
    }
}

/// <summary><c>NAME key integer</c>: EXPIRE, PEXPIRE.</summary>
internal readonly ref struct KeyIntegerCommand(ReadOnlySpan<byte> name, string key, long value) : IRespCommand
{
    private readonly ReadOnlySpan<byte> _name = name;

    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, 3);
        RespWriter.WriteBulk(writer, _name);
        RespWriter.WriteBulk(writer, key);
        RespWriter.WriteBulk(writer, value);
    }
}

/// <summary><c>NAME key...</c>: MGET, DEL, UNLINK, EXISTS.</summary>
internal readonly ref struct KeysCommand(ReadOnlySpan<byte> name, IReadOnlyList<string> keys) : IRespCommand
{
    private readonly ReadOnlySpan<byte> _name = name;

    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, keys.Count + 1);
        RespWriter.WriteBulk(writer, _name);
        for (var i = 0; i < keys.Count; i++)
        {
            RespWriter.WriteBulk(writer, keys[i]);
        }
    }
}

/// <summary><c>NAME key member...</c>: SADD, SREM; also PUBLISH (channel, message).</summary>
internal readonly ref struct KeyValuesCommand(ReadOnlySpan<byte> name, string key, IReadOnlyList<ReadOnlyMemory<byte>>? values, ReadOnlyMemory<byte> single = default) : IRespCommand
{
    private readonly ReadOnlySpan<byte> _name = name;

    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, 2 + (values?.Count ?? 1));
        RespWriter.WriteBulk(writer, _name);
        RespWriter.WriteBulk(writer, key);
        if (values is null)
        {
            RespWriter.WriteBulk(writer, single.Span);
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            RespWriter.WriteBulk(writer, values[i].Span);
        }
    }
}

/// <summary>MSET key value [key value ...].</summary>
internal readonly ref struct MultiSetCommand(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> pairs) : IRespCommand
{
    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, 1 + pairs.Count * 2);
        RespWriter.WriteBulk(writer, "MSET"u8);
        for (var i = 0; i < pairs.Count; i++)
        {
            RespWriter.WriteBulk(writer, pairs[i].Key);
            RespWriter.WriteBulk(writer, pairs[i].Value.Span);
        }
    }
}

/// <summary>A command of plain text parts (handshake, SCRIPT LOAD, SUBSCRIBE, PING).</summary>
internal readonly struct TextCommand(string[] parts) : IRespCommand
{
    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, parts.Length);
        foreach (var part in parts)
        {
            RespWriter.WriteBulk(writer, part);
        }
    }
}

/// <summary>A command already encoded, for the backpressure slow path that must outlive the caller's stack.</summary>
internal readonly struct EncodedCommand(byte[] encoded) : IRespCommand
{
    internal static EncodedCommand From<TCommand>(scoped in TCommand command)
        where TCommand : IRespCommand, allows ref struct
    {
        var buffer = new ArrayBufferWriter<byte>();
        command.Write(buffer);
        return new EncodedCommand(buffer.WrittenSpan.ToArray());
    }

    public void Write(IBufferWriter<byte> writer) => writer.Write(encoded);
}
