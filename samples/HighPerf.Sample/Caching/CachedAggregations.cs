using HighPerf.Caching;

namespace HighPerf.Sample.Caching;

/// <summary>The same aggregation behind a <c>[Cached]</c> method: its body, key and tags are written by HighPerf's source generator.</summary>
internal sealed partial class CachedAggregations(ICacheStore cache, DuckDbAggregation aggregation)
{
    internal const string KeyPrefix = "duckdb_cached_decorator";

    /// <summary>The aggregation over <paramref name="n"/> rows, cached ten minutes under <c>n</c> and tagged <c>duckdb</c> and <c>duckdb:{n}</c>.</summary>
    [Cached(Ttl = "00:10:00", KeyPrefix = KeyPrefix, Tags = new[] { "duckdb", "duckdb:{n}" })]
    public partial ValueTask<AggregationResult> AggregateAsync(long n, [NotCacheKey] ComputeProbe probe, CancellationToken cancellationToken);

    private AggregationResult AggregateCoreAsync(long n, ComputeProbe probe, CancellationToken cancellationToken)
    {
        var result = aggregation.Run(n, cancellationToken);
        probe.Computed = true;
        probe.ComputeMs = result.ComputeMs;
        return result;
    }
}
