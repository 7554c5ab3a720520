namespace HighPerf.Caching;

/// <summary>
/// A two-level cache: values live in process (L1, bounded by bytes) and, when configured, in a
/// distributed cache (L2, e.g. Redis). A miss on both runs the factory once per key in this
/// process, however many callers ask at the same time, and every caller gets that result.
/// </summary>
public interface ICacheStore
{
    /// <summary>
    /// Returns the value cached under <paramref name="key"/>, or creates it with
    /// <paramref name="factory"/>, stores it in both levels and returns it. A factory that throws
    /// caches nothing; every caller waiting on it gets the exception.
    /// </summary>
    /// <typeparam name="TState">What the factory needs, passed through so that no closure is allocated.</typeparam>
    /// <typeparam name="T">The value's type; it must be serializable by the configured serializers.</typeparam>
    /// <param name="key">The cache key (see <c>CacheKeyBuilder</c> for stable keys built from arguments).</param>
    /// <param name="state">Passed to <paramref name="factory"/>.</param>
    /// <param name="factory">Creates the value on a miss. Its token is cancelled only when every waiting caller has cancelled.</param>
    /// <param name="options">Expirations; <see langword="null"/> for the store's defaults.</param>
    /// <param name="cancellationToken">Stops this caller waiting; the factory goes on for the others.</param>
    ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> in both levels, replacing what was there.</summary>
    ValueTask SetAsync<T>(string key, T value, CacheEntryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the key from both levels.</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
}
