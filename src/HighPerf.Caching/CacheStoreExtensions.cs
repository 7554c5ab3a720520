namespace HighPerf.Caching;

/// <summary>Conveniences over <see cref="ICacheStore"/>.</summary>
public static class CacheStoreExtensions
{
    /// <summary>
    /// <see cref="ICacheStore.GetOrCreateAsync{TState, T}"/> for a factory that needs no state
    /// (a lambda that captures allocates a closure per call; prefer the state overload on hot paths).
    /// </summary>
    public static ValueTask<T> GetOrCreateAsync<T>(this ICacheStore store, CacheKey key, Func<CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options = null, IReadOnlyList<string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(factory);
        return store.GetOrCreateAsync(key, factory, static (f, ct) => f(ct), options, tags, cancellationToken);
    }
}
