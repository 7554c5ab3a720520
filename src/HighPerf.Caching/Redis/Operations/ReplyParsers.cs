using System.Buffers;
using HighPerf.Caching.Redis.Resp;

namespace HighPerf.Caching.Redis.Operations;

/// <summary>A bulk string as a new array (the only allocation of a GET); null for a missing key.</summary>
internal readonly struct BytesParser : IReplyParser<byte[]?>
{
    public static byte[]? Parse(ref RespFrame frame, object? state) => frame.ReadBytes();
}

/// <summary>A bulk string copied into the <see cref="IBufferWriter{T}"/> given as state; false for a missing key.</summary>
internal readonly struct BufferWriterParser : IReplyParser<bool>
{
    public static bool Parse(ref RespFrame frame, object? state) => frame.ReadBytesTo((IBufferWriter<byte>)state!);
}

internal readonly struct IntegerParser : IReplyParser<long>
{
    public static long Parse(ref RespFrame frame, object? state) => frame.ReadInteger();
}

/// <summary>+OK as true; null (a conditional SET that did not apply) as false.</summary>
internal readonly struct StatusParser : IReplyParser<bool>
{
    public static bool Parse(ref RespFrame frame, object? state) => frame.ReadStatus();
}

/// <summary>An integer reply of 1 as true (EXPIRE, PEXPIRE).</summary>
internal readonly struct FlagParser : IReplyParser<bool>
{
    public static bool Parse(ref RespFrame frame, object? state) => frame.ReadInteger() == 1;
}

internal readonly struct ReplyParser : IReplyParser<RedisReply>
{
    public static RedisReply Parse(ref RespFrame frame, object? state) => frame.ReadReply();
}

/// <summary>An array (or set) of bulk strings, nulls kept (MGET, SMEMBERS).</summary>
internal readonly struct BytesArrayParser : IReplyParser<byte[]?[]>
{
    public static byte[]?[] Parse(ref RespFrame frame, object? state)
    {
        var count = frame.ReadAggregateHeader();
        if (count <= 0)
        {
            return [];
        }

        var values = new byte[]?[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = frame.ReadBytes();
        }

        return values;
    }
}

/// <summary>A SCAN page: the next cursor and the keys.</summary>
internal readonly struct ScanParser : IReplyParser<(long Cursor, string[] Keys)>
{
    public static (long Cursor, string[] Keys) Parse(ref RespFrame frame, object? state)
    {
        if (frame.ReadAggregateHeader() != 2)
        {
            RedisException.ThrowProtocol("a SCAN reply has two elements");
        }

        var cursorText = frame.ReadText();
        if (!long.TryParse(cursorText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cursor))
        {
            RedisException.ThrowProtocol("a SCAN cursor is a number");
        }

        var count = frame.ReadAggregateHeader();
        var keys = count <= 0 ? [] : new string[count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = frame.ReadText() ?? string.Empty;
        }

        return (cursor, keys);
    }
}

/// <summary>A simple or bulk string as text (SCRIPT LOAD's SHA1).</summary>
internal readonly struct TextParser : IReplyParser<string?>
{
    public static string? Parse(ref RespFrame frame, object? state) => frame.ReadText();
}
