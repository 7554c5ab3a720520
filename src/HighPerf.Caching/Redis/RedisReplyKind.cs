namespace HighPerf.Caching.Redis;

/// <summary>The RESP type of a <see cref="RedisReply"/>.</summary>
public enum RedisReplyKind
{
    /// <summary>Null (<c>$-1</c>, <c>*-1</c> or RESP3 <c>_</c>).</summary>
    Null = 0,

    /// <summary>A simple string (<c>+OK</c>).</summary>
    SimpleString,

    /// <summary>A bulk string of bytes.</summary>
    BulkString,

    /// <summary>A signed 64-bit integer.</summary>
    Integer,

    /// <summary>A double (RESP3).</summary>
    Double,

    /// <summary>A boolean (RESP3).</summary>
    Boolean,

    /// <summary>A big number, kept as its decimal text (RESP3).</summary>
    BigNumber,

    /// <summary>A verbatim string; <see cref="RedisReply.Bytes"/> holds the text without its format prefix (RESP3).</summary>
    VerbatimString,

    /// <summary>An array of replies.</summary>
    Array,

    /// <summary>A map: <see cref="RedisReply.Elements"/> holds keys and values alternately (RESP3).</summary>
    Map,

    /// <summary>A set (RESP3).</summary>
    Set,

    /// <summary>An out-of-band push message (RESP3).</summary>
    Push,
}
