using System.Diagnostics;

namespace HighPerf.Caching;

/// <summary>
/// Leaves a parameter of a <see cref="CachedAttribute"/> method out of the cache key: it is still
/// passed to the implementation on a miss, but calls that differ only in it share one entry.
/// For what does not change the result (a logger, a request id, a database handle).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
[Conditional("HIGHPERF_CACHING_KEEP_ATTRIBUTES")]
public sealed class NotCacheKeyAttribute : Attribute
{
}
