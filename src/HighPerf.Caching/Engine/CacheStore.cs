using System.Collections.Concurrent;
using HighPerf.Caching.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Engine;

/// <summary>
/// The two-level cache engine, one class split by concern: this file reads and writes the levels,
/// <c>CacheStore.Stampede.cs</c> runs one factory per key at a time.
/// </summary>
internal sealed partial class CacheStore : ICacheStore
{
    private readonly HighPerfCacheOptions _options;
    private readonly IBufferDistributedCache? _l2;
    private readonly CacheSerializers _serializers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly L1Store _l1;
    private readonly ConcurrentDictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);

    public CacheStore(IOptions<HighPerfCacheOptions> options, IServiceProvider services, IBufferDistributedCache? l2 = null, TimeProvider? time = null, ILogger<CacheStore>? logger = null)
    {
        _options = options.Value;
        _l2 = l2;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _serializers = new CacheSerializers(services, _options);
        _l1 = new L1Store(_options.MaximumL1Bytes, _time);
    }

    internal L1Store L1 => _l1;

    public ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(factory);

        // The hot path: an L1 hit completes synchronously and allocates nothing.
        return _l1.TryGet<T>(key, out var value)
            ? ValueTask.FromResult(value)
            : new ValueTask<T>(JoinOrStartAsync(key, state, factory, options, cancellationToken));
    }

    public async ValueTask SetAsync<T>(string key, T value, CacheEntryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await StoreAsync(key, value, options, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _l1.Remove(key);
        if (_l2 is not null)
        {
            await _l2.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Serializes once: the bytes go to L2 and their count is what the value costs in L1.</summary>
    private async ValueTask StoreAsync<T>(string key, T value, CacheEntryOptions? options, CancellationToken cancellationToken)
    {
        var expiration = options?.Expiration ?? _options.DefaultExpiration;
        var local = options?.LocalExpiration ?? _options.DefaultLocalExpiration;
        if (local > expiration)
        {
            local = expiration;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        _serializers.Get<T>().Serialize(value, buffer);
        if (buffer.WrittenCount <= _options.MaximumL1EntryBytes)
        {
            _l1.Set(key, value, buffer.WrittenCount, local);
        }

        if (_l2 is not null)
        {
            await _l2.SetAsync(key, new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = expiration }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads L2; a hit is put in L1 (for its local lifetime) and returned.</summary>
    private async ValueTask<(bool Found, T Value)> ReadL2Async<T>(string key, CacheEntryOptions? options, CancellationToken cancellationToken)
    {
        if (_l2 is null)
        {
            return default;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        if (!await _l2.TryGetAsync(key, buffer, cancellationToken).ConfigureAwait(false))
        {
            return default;
        }

        var value = _serializers.Get<T>().Deserialize(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory));
        var expiration = options?.Expiration ?? _options.DefaultExpiration;
        var local = options?.LocalExpiration ?? _options.DefaultLocalExpiration;
        if (buffer.WrittenCount <= _options.MaximumL1EntryBytes)
        {
            _l1.Set(key, value, buffer.WrittenCount, local > expiration ? expiration : local);
        }

        return (true, value);
    }
}
