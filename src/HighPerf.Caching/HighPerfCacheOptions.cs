using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HighPerf.Caching.Serialization;

namespace HighPerf.Caching;

/// <summary>Settings of the two-level cache, bound from <c>HighPerf:Cache</c> by <c>AddHighPerfCaching()</c>.</summary>
public sealed class HighPerfCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "HighPerf:Cache";

    /// <summary>The most bytes (as serialized) the in-process level holds before evicting the least recently used entries; default 64 MiB.</summary>
    public long MaximumL1Bytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest single value kept in process, in bytes (as serialized); larger ones go to L2 only. Default 1 MiB.</summary>
    public int MaximumL1EntryBytes { get; set; } = 1024 * 1024;

    /// <summary>How long entries whose options set none are fresh; default 5 minutes.</summary>
    public TimeSpan DefaultExpiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long entries whose options set none are fresh in process; default 1 minute (never longer than their expiration).</summary>
    public TimeSpan DefaultLocalExpiration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Fail-safe: how long after an entry stops being fresh it is kept (in both levels) to be served
    /// when the factory or L2 fails or times out. Default 1 hour; <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After fail-safe served a stale value, how long it is served as if fresh before the factory is tried again; default 30 seconds.</summary>
    public TimeSpan FailSafeThrottleDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When a stale value is at hand, how long to wait for the factory before serving it; default <see cref="Timeout.InfiniteTimeSpan"/> (wait).</summary>
    public TimeSpan FactorySoftTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long a read or write of the distributed level may take before it counts as failed (a miss, or a stale value under fail-safe); default 1 second.</summary>
    public TimeSpan DistributedCacheTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The fraction of an entry's in-process lifetime after which a hit refreshes it in the background; <see langword="null"/> (the default) for no eager refresh.</summary>
    public double? EagerRefreshThreshold { get; set; }

    /// <summary>Values whose serialized size is at least this many bytes are zstd-compressed in the distributed level; default 64 KiB, 0 to compress nothing.</summary>
    public int CompressionThreshold { get; set; } = 64 * 1024;

    /// <summary>The zstd level of those values; default 1 (fast).</summary>
    public int CompressionLevel { get; set; } = 1;

    /// <summary>
    /// How long the distributed level remembers that a tag was invalidated, and so the longest a
    /// tagged entry may live there (longer expirations are cut to it); default 1 day.
    /// </summary>
    public TimeSpan TagRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The Redis pub/sub channel on which nodes tell each other about removals and invalidations; default <c>highperf:cache:backplane</c>.</summary>
    public string BackplaneChannel { get; set; } = "highperf:cache:backplane";

    // Fields, not properties: configuration binding must not try to bind serializers.
    private readonly List<IJsonTypeInfoResolver> _jsonResolvers = [];
    private readonly Dictionary<Type, object> _serializers = [];

    /// <summary>
    /// Adds a source of JSON type metadata, normally your source-generated <c>JsonSerializerContext</c>,
    /// so that cached values are (de)serialized without reflection. A type no resolver knows fails
    /// with a message naming it.
    /// </summary>
    /// <param name="resolver">E.g. <c>MyJsonContext.Default</c>.</param>
    /// <returns>These options.</returns>
    public HighPerfCacheOptions AddJsonTypeInfoResolver(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _jsonResolvers.Add(resolver);
        return this;
    }

    /// <summary>Uses <paramref name="serializer"/> for values of type <typeparamref name="T"/>, ahead of every built-in one.</summary>
    /// <returns>These options.</returns>
    public HighPerfCacheOptions AddSerializer<T>(ICacheSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializers[typeof(T)] = serializer;
        return this;
    }

    /// <summary>
    /// Stores arrays of <typeparamref name="TElement"/> as their raw bytes, copied straight from and
    /// into the array (arrays of primitives, <see cref="Guid"/>, <see cref="DateTime"/> and the
    /// like are stored so without this call). The bytes are the in-memory layout: every node must
    /// run the same definition of the struct on the same byte order.
    /// </summary>
    /// <returns>These options.</returns>
    public HighPerfCacheOptions AddUnmanagedArray<TElement>()
        where TElement : unmanaged
        => AddSerializer(UnmanagedArrayCacheSerializer<TElement>.Instance);

    internal bool TryGetSerializer<T>(out ICacheSerializer<T>? serializer)
    {
        serializer = _serializers.TryGetValue(typeof(T), out var found) ? (ICacheSerializer<T>)found : null;
        return serializer is not null;
    }

    /// <summary>The serializer settings made of the added resolvers (web defaults: camelCase, case-insensitive reads).</summary>
    internal JsonSerializerOptions CreateJsonSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var resolver in _jsonResolvers)
        {
            options.TypeInfoResolverChain.Add(resolver);
        }

        return options;
    }

    /// <summary>Checks the settings once, when the store is built.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaximumL1Bytes, nameof(MaximumL1Bytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaximumL1EntryBytes, nameof(MaximumL1EntryBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DefaultExpiration, TimeSpan.Zero, nameof(DefaultExpiration));
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultLocalExpiration, TimeSpan.Zero, nameof(DefaultLocalExpiration));
        ArgumentOutOfRangeException.ThrowIfLessThan(FailSafeMaxDuration, TimeSpan.Zero, nameof(FailSafeMaxDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(FailSafeThrottleDuration, TimeSpan.Zero, nameof(FailSafeThrottleDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TagRetention, TimeSpan.Zero, nameof(TagRetention));
        ArgumentOutOfRangeException.ThrowIfNegative(CompressionThreshold, nameof(CompressionThreshold));
        ArgumentException.ThrowIfNullOrEmpty(BackplaneChannel, nameof(BackplaneChannel));
        if (EagerRefreshThreshold is { } threshold && threshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EagerRefreshThreshold), threshold, "EagerRefreshThreshold must be between 0 and 1, exclusive.");
        }
    }
}
