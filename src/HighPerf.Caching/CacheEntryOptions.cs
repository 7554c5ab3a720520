namespace HighPerf.Caching;

/// <summary>How long one entry lives; unset values take the store's defaults from <see cref="HighPerfCacheOptions"/>.</summary>
public sealed class CacheEntryOptions
{
    /// <summary>How long the entry lives in the distributed cache (L2), and in process unless <see cref="LocalExpiration"/> is shorter.</summary>
    public TimeSpan? Expiration { get; init; }

    /// <summary>How long the entry lives in process (L1); kept short so that other nodes' changes are seen soon.</summary>
    public TimeSpan? LocalExpiration { get; init; }
}
