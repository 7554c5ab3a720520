using HighPerf.Caching.Redis.Connection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HighPerf.Caching.Redis;

/// <summary>
/// A Redis/Valkey client over one multiplexed connection shared by every caller: commands from any
/// number of threads are pipelined on it and each caller gets its own reply. Values travel as
/// bytes (<see cref="ReadOnlyMemory{T}"/>, <see cref="System.Buffers.ReadOnlySequence{T}"/>,
/// <see cref="System.Buffers.IBufferWriter{T}"/>); a GET allocates nothing beyond the value it
/// returns. Thread-safe. When the connection is lost, in-flight commands fail with
/// <see cref="RedisException"/> and the client reconnects by itself with backoff.
/// </summary>
public sealed partial class RedisClient : IAsyncDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisConnectionOptions _options;
    private readonly ILogger _logger;

    private RedisClient(RedisConnection connection, RedisConnectionOptions options, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _logger = logger;
        _connection.PushReceived = push => PushReceived?.Invoke(push);
    }

    /// <summary>The multiplexed command connection, for the cache built on this client.</summary>
    internal RedisConnection Connection => _connection;

    /// <summary>Whether the connection is up (commands sent now are expected to succeed).</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>
    /// Raised, on the connection's receive loop, for each RESP3 push message on the command
    /// connection (client-side caching invalidations and the like). Keep handlers short.
    /// </summary>
    public event Action<RedisReply>? PushReceived;

    /// <summary>Connects and runs the handshake (HELLO/AUTH, client name, database).</summary>
    /// <param name="options">Where and how to connect; copied.</param>
    /// <param name="logger">Where connection events go; none by default.</param>
    /// <param name="cancellationToken">Abandons the attempt.</param>
    /// <exception cref="RedisException">The server cannot be reached (<see cref="RedisErrorKind.Connection"/>), refuses the credentials (<see cref="RedisErrorKind.Authentication"/>) or the TLS handshake fails (<see cref="RedisErrorKind.Tls"/>).</exception>
    public static async Task<RedisClient> ConnectAsync(RedisConnectionOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();
        logger ??= NullLogger.Instance;
        var connection = await RedisConnection.ConnectAsync(options, logger, subscriber: false, cancellationToken).ConfigureAwait(false);
        return new RedisClient(connection, options, logger);
    }

    /// <summary>Connects with a connection string such as <c>redis://user:password@host:6379/0</c> or <c>rediss://</c> for TLS.</summary>
    /// <param name="connectionString">See <see cref="RedisConnectionOptions.Parse"/>.</param>
    /// <param name="logger">Where connection events go; none by default.</param>
    /// <param name="cancellationToken">Abandons the attempt.</param>
    public static Task<RedisClient> ConnectAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisConnectionOptions.Parse(connectionString), logger, cancellationToken);

    /// <summary>Closes the connections; commands still waiting fail with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_subscriber is { } subscriber)
        {
            await subscriber.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
