using System.Buffers;
using HighPerf.Caching.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Distributed;

/// <summary>
/// <see cref="IDistributedCache"/> and <see cref="IBufferDistributedCache"/> on HighPerf's own Redis
/// client: a read is one GET, whose payload is copied once from the socket buffer into the
/// caller's array or buffer writer; a write is one SET with PX. Sliding entries carry their window
/// in a small header and are extended on read. The client connects on first use and is shared.
/// </summary>
public sealed partial class RedisDistributedCache : IBufferDistributedCache, IAsyncDisposable, IDisposable
{
    private readonly RedisCacheOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private RedisClient? _client;

    /// <summary>Creates the cache; nothing connects until the first call.</summary>
    /// <param name="options">Connection string or settings, and the key prefix.</param>
    /// <param name="logger">Where connection events go.</param>
    /// <param name="time">The clock used for absolute expirations; the system clock by default.</param>
    public RedisDistributedCache(IOptions<RedisCacheOptions> options, ILogger<RedisDistributedCache>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.Connection is null && string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException(
                "RedisDistributedCache needs a connection: set HighPerf:Cache:Redis, VALKEY_URL or REDIS_URL, or RedisCacheOptions.Connection.");
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _connectGate.Dispose();
    }

    /// <summary>Closes the connection, waiting for it: for containers disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The shared client, connected on first use; a failed connect is retried by the next call.</summary>
    internal ValueTask<RedisClient> GetClientAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _client) is { } client ? ValueTask.FromResult(client) : new(ConnectAsync(cancellationToken));

    private async Task<RedisClient> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { } existing)
            {
                return existing;
            }

            var connection = _options.Connection ?? RedisConnectionOptions.Parse(_options.ConnectionString!);
            var client = await RedisClient.ConnectAsync(connection, _logger, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _client, client);
            return client;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private string Prefixed(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _options.InstanceName is { Length: > 0 } prefix ? prefix + key : key;
    }
}
