using System.Diagnostics.CodeAnalysis;

namespace HighPerf.Caching;

/// <summary>
/// A two-level cache: values live in process (L1, bounded by bytes) and, when configured, in a
/// distributed cache (L2, e.g. Redis). A miss on both runs the factory once per key in this
/// process, however many callers ask at the same time, and every caller gets that result. With
/// fail-safe on, a stale value is served when the factory or L2 fails or is too slow; tags and
/// removals reach every node's L1 through the backplane when one is configured.
/// </summary>
/// <remarks>
/// Keys are <see cref="CacheKey"/>s: built from typed parts by <see cref="CacheKeyBuilder"/>, or
/// from a string (which converts implicitly). Values must be serializable by the configured
/// serializers (System.Text.Json source-generated contexts by default; unmanaged structs and
/// arrays of them as raw bytes).
/// </remarks>
public interface ICacheStore
{
    /// <summary>
    /// The allocation-free fast path: the value cached in process under <paramref name="key"/>,
    /// when it is fresh, not yet due for an eager refresh, and of type <typeparamref name="T"/>.
    /// Otherwise <see langword="false"/>, and <see cref="GetOrCreateAsync"/> does the rest (L2, stale
    /// values, refresh, cached <see langword="null"/>s).
    /// </summary>
    sealed bool TryGetValue<T>(CacheKey key, [MaybeNullWhen(false)] out T value)
    {
        // Sealed, so it is a direct call: a generic virtual call would cost more than the lookup.
        if (TryGetLocalValue(key, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// What <see cref="TryGetValue{T}"/> is made of: the fresh in-process value of
    /// <paramref name="key"/>, as an object (value types boxed once, when stored), without allocating.
    /// </summary>
    bool TryGetLocalValue(CacheKey key, out object? value);

    /// <summary>
    /// Returns the value cached under <paramref name="key"/>, or creates it with
    /// <paramref name="factory"/>, stores it in both levels and returns it. A factory that throws
    /// caches nothing; every caller waiting on it gets the exception, unless fail-safe serves a
    /// stale value instead.
    /// </summary>
    /// <typeparam name="TState">What the factory needs, passed through so that no closure is allocated.</typeparam>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="state">Passed to <paramref name="factory"/>.</param>
    /// <param name="factory">Creates the value on a miss. Its token is cancelled only when every waiting caller has cancelled.</param>
    /// <param name="options">Expirations, fail-safe and refresh; <see langword="null"/> for the store's defaults.</param>
    /// <param name="tags">Tags of a newly created value, for <see cref="RemoveByTagAsync"/>; read only on a miss.</param>
    /// <param name="cancellationToken">Stops this caller waiting; the factory goes on for the others.</param>
    ValueTask<T> GetOrCreateAsync<TState, T>(CacheKey key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CacheEntryOptions? options = null, IReadOnlyList<string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> in both levels, replacing what was there, and evicts other nodes' in-process copies.</summary>
    ValueTask SetAsync<T>(CacheKey key, T value, CacheEntryOptions? options = null, IReadOnlyList<string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the key from both levels, here and, through the backplane, in every node's L1.</summary>
    ValueTask RemoveAsync(CacheKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Invalidates every entry tagged <paramref name="tag"/>, in both levels and on every node:
    /// entries created before this call are no longer returned, wherever they are stored.
    /// </summary>
    ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default);
}
