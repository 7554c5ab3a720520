namespace HighPerf.Caching.Engine;

/// <summary>One entry's options with the store's defaults filled in, resolved once per miss or write.</summary>
internal readonly struct EntrySettings
{
    private EntrySettings(CacheEntryOptions? entry, HighPerfCacheOptions defaults)
    {
        Expiration = entry?.Expiration ?? defaults.DefaultExpiration;
        if (Expiration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), Expiration, "An entry's expiration must be positive.");
        }

        var local = entry?.LocalExpiration ?? defaults.DefaultLocalExpiration;
        LocalExpiration = local > Expiration ? Expiration : local;
        FailSafe = entry?.FailSafeMaxDuration ?? defaults.FailSafeMaxDuration;
        SoftTimeout = entry?.FactorySoftTimeout ?? defaults.FactorySoftTimeout;
        EagerRefreshThreshold = entry?.EagerRefreshThreshold ?? defaults.EagerRefreshThreshold;
        if (EagerRefreshThreshold is { } threshold && threshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), threshold, "EagerRefreshThreshold must be between 0 and 1, exclusive.");
        }
    }

    internal TimeSpan Expiration { get; }

    internal TimeSpan LocalExpiration { get; }

    internal TimeSpan FailSafe { get; }

    internal TimeSpan SoftTimeout { get; }

    internal double? EagerRefreshThreshold { get; }

    internal bool HasSoftTimeout => SoftTimeout != Timeout.InfiniteTimeSpan && SoftTimeout >= TimeSpan.Zero;

    internal static EntrySettings Resolve(CacheEntryOptions? entry, HighPerfCacheOptions defaults) => new(entry, defaults);

    /// <summary>An L1 entry fresh for <paramref name="freshFor"/> from <paramref name="now"/> (monotonic ms), refreshed eagerly and kept for fail-safe as configured.</summary>
    internal L1Entry<T> CreateL1Entry<T>(T value, long size, string[]? tags, long createdAtUnix, long now, TimeSpan freshFor)
    {
        var freshUntil = CacheClock.After(now, freshFor);
        var refreshAt = EagerRefreshThreshold is { } threshold ? CacheClock.After(now, freshFor * threshold) : freshUntil;
        var expiresAt = FailSafe > TimeSpan.Zero ? CacheClock.After(freshUntil, FailSafe) : freshUntil;
        return new L1Entry<T>(value, size, tags, createdAtUnix, refreshAt, freshUntil, expiresAt);
    }
}
