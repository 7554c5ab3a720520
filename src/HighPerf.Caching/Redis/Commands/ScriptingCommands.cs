using System.Buffers;
using System.Globalization;
using System.Text;
using HighPerf.Caching.Redis.Connection;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Commands;

/// <summary>SCAN cursor [MATCH pattern] [COUNT n].</summary>
internal readonly struct ScanCommand(long cursor, string? pattern, int count) : IRespCommand
{
    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, 2 + (pattern is null ? 0 : 2) + (count > 0 ? 2 : 0));
        RespWriter.WriteBulk(writer, "SCAN"u8);
        RespWriter.WriteBulk(writer, cursor);
        if (pattern is not null)
        {
            RespWriter.WriteBulk(writer, "MATCH"u8);
            RespWriter.WriteBulk(writer, pattern);
        }

        if (count > 0)
        {
            RespWriter.WriteBulk(writer, "COUNT"u8);
            RespWriter.WriteBulk(writer, count);
        }
    }
}

/// <summary>EVALSHA sha numkeys key... arg...</summary>
internal readonly struct EvalShaCommand(string sha1, IReadOnlyList<string> keys, IReadOnlyList<ReadOnlyMemory<byte>> arguments) : IRespCommand
{
    public void Write(IBufferWriter<byte> writer)
    {
        RespWriter.WriteArrayHeader(writer, 3 + keys.Count + arguments.Count);
        RespWriter.WriteBulk(writer, "EVALSHA"u8);
        RespWriter.WriteBulk(writer, sha1);
        RespWriter.WriteBulk(writer, keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            RespWriter.WriteBulk(writer, keys[i]);
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            RespWriter.WriteBulk(writer, arguments[i].Span);
        }
    }
}

/// <summary>Any command with arguments of common types, for <see cref="RedisClient.ExecuteAsync(string, object[])"/>.</summary>
internal readonly struct RawCommand(string command, object[] arguments) : IRespCommand
{
    /// <summary>Throws for argument types that have no RESP encoding, before anything is queued.</summary>
    internal static void Validate(object[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument is not (string or byte[] or ReadOnlyMemory<byte> or Memory<byte> or int or long or uint or ulong or double or float or decimal or bool))
            {
                throw new ArgumentException($"Arguments of type {argument?.GetType().Name ?? "null"} cannot be sent to Redis; use string, byte[], ReadOnlyMemory<byte> or a number.", nameof(arguments));
            }
        }
    }

    public void Write(IBufferWriter<byte> writer)
    {
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        RespWriter.WriteArrayHeader(writer, parts.Length + arguments.Length);
        foreach (var part in parts)
        {
            RespWriter.WriteBulk(writer, part);
        }

        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case string text:
                    RespWriter.WriteBulk(writer, text);
                    break;
                case byte[] bytes:
                    RespWriter.WriteBulk(writer, bytes);
                    break;
                case ReadOnlyMemory<byte> memory:
                    RespWriter.WriteBulk(writer, memory.Span);
                    break;
                case Memory<byte> memory:
                    RespWriter.WriteBulk(writer, memory.Span);
                    break;
                case bool flag:
                    RespWriter.WriteBulk(writer, flag ? 1 : 0);
                    break;
                case IFormattable number:
                    RespWriter.WriteBulk(writer, Encoding.UTF8.GetBytes(number.ToString(null, CultureInfo.InvariantCulture)));
                    break;
            }
        }
    }
}
