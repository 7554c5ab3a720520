using System.Diagnostics.CodeAnalysis;

namespace HighPerf.Caching.Redis;

/// <summary>
/// The one exception type of the Redis client: a command or the connection failed. <see cref="Kind"/>
/// says why and <see cref="IsTransient"/> whether retrying later may succeed. Messages never carry
/// passwords or values.
/// </summary>
public sealed class RedisException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RedisException(RedisErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates an exception of kind <see cref="RedisErrorKind.Server"/>.</summary>
    public RedisException()
        : this(RedisErrorKind.Server, "A Redis command failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="RedisErrorKind.Server"/>.</summary>
    /// <param name="message">A message for people.</param>
    public RedisException(string message)
        : this(RedisErrorKind.Server, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="RedisErrorKind.Server"/> around another.</summary>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause.</param>
    public RedisException(string message, Exception innerException)
        : this(RedisErrorKind.Server, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public RedisErrorKind Kind { get; }

    /// <summary>Whether the same command may succeed later: connection failures and timeouts, and <c>LOADING</c>/<c>BUSY</c>/<c>TRYAGAIN</c> server errors.</summary>
    public bool IsTransient => Kind is RedisErrorKind.Connection or RedisErrorKind.Timeout
        || (Kind == RedisErrorKind.Server && (Message.StartsWith("LOADING", StringComparison.Ordinal)
            || Message.StartsWith("BUSY", StringComparison.Ordinal) || Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)));

    [DoesNotReturn]
    internal static void ThrowProtocol(string what) =>
        throw new RedisException(RedisErrorKind.Protocol, "Redis protocol error: " + what);
}
