namespace HighPerf.Caching.Redis;

/// <summary>What went wrong in a <see cref="RedisException"/>.</summary>
public enum RedisErrorKind
{
    /// <summary>The server answered the command with an error (e.g. <c>WRONGTYPE</c>).</summary>
    Server = 0,

    /// <summary>The connection could not be made, broke, or is being re-established.</summary>
    Connection,

    /// <summary>No reply came within the command timeout.</summary>
    Timeout,

    /// <summary>The server refused the credentials (<c>WRONGPASS</c>, <c>NOAUTH</c>).</summary>
    Authentication,

    /// <summary>The TLS handshake failed (untrusted certificate, wrong name, protocol mismatch).</summary>
    Tls,

    /// <summary>The server sent bytes that are not valid RESP.</summary>
    Protocol,
}
