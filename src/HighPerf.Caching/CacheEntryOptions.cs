namespace HighPerf.Caching;

/// <summary>How one entry lives; every unset value takes the store's default from <see cref="HighPerfCacheOptions"/>.</summary>
public sealed class CacheEntryOptions
{
    /// <summary>How long the entry is fresh: in the distributed cache (L2), and in process unless <see cref="LocalExpiration"/> is shorter.</summary>
    public TimeSpan? Expiration { get; init; }

    /// <summary>How long the entry is fresh in process (L1); kept short so that other nodes' changes are seen soon. Never longer than <see cref="Expiration"/>.</summary>
    public TimeSpan? LocalExpiration { get; init; }

    /// <summary>How long after it stops being fresh a value may still be served when the factory or L2 fails or is too slow; <see cref="TimeSpan.Zero"/> turns fail-safe off for this entry.</summary>
    public TimeSpan? FailSafeMaxDuration { get; init; }

    /// <summary>When a stale value is at hand, how long to wait for the factory before serving it (the factory goes on and updates the cache when it ends).</summary>
    public TimeSpan? FactorySoftTimeout { get; init; }

    /// <summary>The fraction of the in-process lifetime (between 0 and 1, exclusive) after which a hit starts a refresh in the background and still returns the current value; <see langword="null"/> for the store's default.</summary>
    public double? EagerRefreshThreshold { get; init; }
}
