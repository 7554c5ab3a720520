using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using HighPerf.Caching.Engine.Backplane;
using HighPerf.Caching.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Engine;

/// <summary>
/// The two-level cache engine, one class split by concern: this file is the public surface and
/// the L1 fast path; <c>.Stampede.cs</c> runs one factory per key at a time with fail-safe and
/// eager refresh; <c>.L2.cs</c> reads and writes the distributed level; <c>.Tags.cs</c>
/// invalidates by tag; <c>.Backplane.cs</c> keeps the nodes' L1s in step.
/// </summary>
internal sealed partial class CacheStore : ICacheStore, IAsyncDisposable, IDisposable
{
    private readonly HighPerfCacheOptions _options;
    private readonly IBufferDistributedCache? _l2;
    private readonly CacheSerializers _serializers;
    private readonly CacheClock _clock;
    private readonly ILogger _logger;
    private readonly L1Store _l1;
    private readonly ConcurrentDictionary<UInt128, InFlight> _inFlight = new();
    private readonly L2Timeouts _timeouts;

    public CacheStore(IOptions<HighPerfCacheOptions> options, IServiceProvider services, IBufferDistributedCache? l2 = null, TimeProvider? time = null, ILogger<CacheStore>? logger = null)
        : this(options, services, l2, time, logger, backplane: null)
    {
    }

    internal CacheStore(IOptions<HighPerfCacheOptions> options, IServiceProvider services, IBufferDistributedCache? l2, TimeProvider? time, ILogger<CacheStore>? logger, ICacheBackplane? backplane)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _options = options.Value;
        _options.Validate();
        _l2 = l2;
        _clock = new CacheClock(time ?? TimeProvider.System);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _serializers = new CacheSerializers(services, _options);
        _l1 = new L1Store(_options.MaximumL1Bytes);
        _timeouts = new L2Timeouts(_options.DistributedCacheTimeout);
        _tags = new TagRegistry(TagRegistryCapacity, backplane is null ? (long)_options.DefaultLocalExpiration.TotalMilliseconds : long.MaxValue);
        _backplane = backplane;
        StartBackplane();
    }

    internal L1Store L1 => _l1;

    /// <summary>The interface's fast path, for code that holds the store by its class.</summary>
    public bool TryGetValue<T>(CacheKey key, [MaybeNullWhen(false)] out T value) => ((ICacheStore)this).TryGetValue(key, out value);

    public bool TryGetLocalValue(CacheKey key, out object? value)
    {
        ThrowIfDefault(key);
        if (_l1.TryGetFresh(key.Hash, _clock.NowMilliseconds, out value))
        {
            CachingTelemetry.Hit(l2: false);
            return true;
        }

        return false;
    }

    public ValueTask<T> GetOrCreateAsync<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options = null, IReadOnlyList<string>? tags = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDefault(key);
        ArgumentNullException.ThrowIfNull(factory);

        // The hot path: a fresh L1 hit completes synchronously and allocates nothing.
        if (_l1.TryGetFresh<T>(key.Hash, _clock.NowMilliseconds, out var value))
        {
            CachingTelemetry.Hit(l2: false);
            return ValueTask.FromResult(value);
        }

        return GetOrCreateSlowAsync(key, state, factory, options, tags, cancellationToken);
    }

    public async ValueTask SetAsync<T>(CacheKey key, T value, CacheEntryOptions? options = null, IReadOnlyList<string>? tags = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDefault(key);
        var settings = EntrySettings.Resolve(options, _options);
        await StoreAsync(key, value, settings, ToArray(tags), _clock.UnixMilliseconds, cancellationToken).ConfigureAwait(false);
        await PublishAsync(new BackplaneMessage(BackplaneMessageKind.Remove, _nodeId, _clock.UnixMilliseconds, key.Hash, null)).ConfigureAwait(false);
    }

    public async ValueTask RemoveAsync(CacheKey key, CancellationToken cancellationToken = default)
    {
        ThrowIfDefault(key);
        _l1.Remove(key.Hash);
        await RemoveL2Async(key, cancellationToken).ConfigureAwait(false);
        await PublishAsync(new BackplaneMessage(BackplaneMessageKind.Remove, _nodeId, _clock.UnixMilliseconds, key.Hash, null)).ConfigureAwait(false);
    }

    /// <summary>Unsubscribes from the backplane.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopBackplaneAsync().ConfigureAwait(false);
        _timeouts.Dispose();
    }

    /// <summary>Unsubscribes from the backplane without waiting for the server to confirm it.</summary>
    public void Dispose()
    {
        _ = StopBackplaneAsync().AsTask();
        _timeouts.Dispose();
    }

    /// <summary>Serializes once: the bytes go to L2 and their count is what the value costs in L1.</summary>
    private async ValueTask StoreAsync<T>(CacheKey key, T value, EntrySettings settings, string[]? tags, long createdAtUnix, CancellationToken cancellationToken)
    {
        // Computed from data read before its tag was invalidated: return it, but do not keep it.
        if (_tags.IsInvalidatedLocally(tags, createdAtUnix))
        {
            return;
        }

        var serializer = _serializers.Get<T>();
        var now = _clock.NowMilliseconds;
        var header = new Envelope.CacheEnvelope(false, 0, createdAtUnix, _clock.UnixMilliseconds + (long)settings.Expiration.TotalMilliseconds, tags);
        var encoded = Envelope.EncodedValue.Create(value, serializer, _l2 is not null, header, _options.CompressionThreshold, _options.CompressionLevel);
        try
        {
            if (encoded.PayloadSize <= _options.MaximumL1EntryBytes)
            {
                _l1.Set(key.Hash, settings.CreateL1Entry(value, encoded.PayloadSize, tags, createdAtUnix, now, settings.LocalExpiration), now);
            }

            if (_l2 is not null)
            {
                await WriteL2Async(key, encoded.Envelope, settings, tags is not null, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            encoded.Dispose();
        }
    }

    private static string[]? ToArray(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return null;
        }

        var array = new string[tags.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = tags[i];
            ArgumentException.ThrowIfNullOrEmpty(array[i], nameof(tags));
        }

        return array;
    }

    private static void ThrowIfDefault(CacheKey key)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("The cache key is the default value; build one with CacheKeyBuilder or CacheKey.FromString.", nameof(key));
        }
    }
}
