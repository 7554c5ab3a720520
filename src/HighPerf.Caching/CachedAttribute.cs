using System.Diagnostics;

namespace HighPerf.Caching;

/// <summary>
/// Makes HighPerf's source generator write the body of a <see langword="partial"/> method so that
/// it returns the cached result: the key is built from the arguments (see
/// <see cref="CacheKeyBuilder"/>; <see cref="CancellationToken"/>s and parameters marked
/// <see cref="NotCacheKeyAttribute"/> are left out), the containing type's <see cref="ICacheStore"/>
/// (a field, property or primary constructor parameter) is asked, and on a miss the implementation
/// method runs: the method's name with <c>Core</c> before an <c>Async</c> suffix
/// (<c>GetUserAsync</c> → <c>GetUserCoreAsync</c>, <c>Compute</c> → <c>ComputeCore</c>), or the
/// one named by <see cref="Implementation"/>. No reflection runs; the generated code is trimming-
/// and AOT-safe.
/// </summary>
/// <example>
/// <code>
/// public sealed partial class UserService(ICacheStore cache, UserDb db)
/// {
///     [Cached(Ttl = "00:05:00", KeyPrefix = "user_data", Tags = new[] { "user:{userId}" })]
///     public partial ValueTask&lt;UserProfile&gt; GetProfileAsync(long userId, CancellationToken cancellationToken);
///
///     private ValueTask&lt;UserProfile&gt; GetProfileCoreAsync(long userId, CancellationToken cancellationToken) =&gt; db.LoadAsync(userId, cancellationToken);
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Conditional("HIGHPERF_CACHING_KEEP_ATTRIBUTES")]
public sealed class CachedAttribute : Attribute
{
    /// <summary>How long the result stays cached, as a <see cref="TimeSpan"/> in invariant <c>[d.]hh:mm:ss[.fffffff]</c> form, checked at compile time; the store's default when unset.</summary>
    public string? Ttl { get; set; }

    /// <summary>How long the result stays in process (L1), in the same form as <see cref="Ttl"/>; the store's default when unset.</summary>
    public string? LocalTtl { get; set; }

    /// <summary>The start of every key of this method, as seen in the distributed cache; the method's name when unset.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// Tags given to each result, so <see cref="ICacheStore.RemoveByTagAsync"/> can invalidate
    /// them together. <c>{name}</c> is replaced by the argument of that parameter, formatted with
    /// the invariant culture (e.g. <c>"user:{userId}"</c>).
    /// </summary>
    public string[]? Tags { get; set; }

    /// <summary>The name of the method that computes the value on a miss, when it does not follow the <c>Core</c> naming rule.</summary>
    public string? Implementation { get; set; }
}
