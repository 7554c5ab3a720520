namespace HighPerf.Caching;

/// <summary>
/// Implemented by a type that is used as a cache key argument and has no built-in stable encoding:
/// it writes its identity as parts (its fields, in a fixed order) so that equal values build
/// equal keys on every machine. <c>[Cached]</c> methods accept parameters of such types.
/// </summary>
/// <example>
/// <code>
/// public readonly record struct Region(string Country, int Zone) : ICacheKeyPart
/// {
///     public void WriteKeyParts(ref CacheKeyBuilder builder)
///     {
///         builder.Add(Country);
///         builder.Add(Zone);
///     }
/// }
/// </code>
/// </example>
public interface ICacheKeyPart
{
    /// <summary>Adds this value's identifying parts to <paramref name="builder"/>; the same value must always add the same parts.</summary>
    void WriteKeyParts(ref CacheKeyBuilder builder);
}
