using System.Globalization;
using System.Text;

namespace HighPerf.Caching.Redis;

/// <summary>
/// A reply as a tree, for <see cref="RedisClient.ExecuteAsync(string, object[])"/> and other
/// commands without a typed method. The typed methods never build one.
/// </summary>
public sealed class RedisReply
{
    internal static readonly RedisReply Null = new(RedisReplyKind.Null);

    internal RedisReply(RedisReplyKind kind, byte[]? bytes = null, long integer = 0, double number = 0, IReadOnlyList<RedisReply>? elements = null)
    {
        Kind = kind;
        Bytes = bytes;
        Integer = integer;
        Double = number;
        Elements = elements ?? [];
    }

    /// <summary>The RESP type.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>The bytes of a string, big number or verbatim reply; <see langword="null"/> otherwise.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The value of an integer reply, or 1/0 for a boolean.</summary>
    public long Integer { get; }

    /// <summary>The value of a double reply.</summary>
    public double Double { get; }

    /// <summary>The elements of an array, set, push, or map (keys and values alternating); empty otherwise.</summary>
    public IReadOnlyList<RedisReply> Elements { get; }

    /// <summary>Whether this is a null reply.</summary>
    public bool IsNull => Kind == RedisReplyKind.Null;

    /// <summary>The reply as text: strings decoded as UTF-8, numbers in invariant culture, aggregates as a bracketed list.</summary>
    public override string ToString() => Kind switch
    {
        RedisReplyKind.Null => "(nil)",
        RedisReplyKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.Boolean => Integer != 0 ? "true" : "false",
        RedisReplyKind.Double => Double.ToString("R", CultureInfo.InvariantCulture),
        RedisReplyKind.Array or RedisReplyKind.Map or RedisReplyKind.Set or RedisReplyKind.Push => "[" + string.Join(", ", Elements) + "]",
        _ => Encoding.UTF8.GetString(Bytes ?? []),
    };
}
