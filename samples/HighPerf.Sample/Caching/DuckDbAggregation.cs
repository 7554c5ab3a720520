using System.Diagnostics;
using HighPerf.Data;

namespace HighPerf.Sample.Caching;

/// <summary>What the demo aggregation computes; <see cref="ComputeMs"/> is what computing it cost.</summary>
internal sealed record AggregationResult(long Rows, long Groups, long LargestGroup, long SmallestGroup, long Checksum, double ComputeMs);

/// <summary>
/// The caching demos' expensive work: DuckDB hashes <c>n</c> generated rows (<c>range(n)</c>), groups them
/// into 10,000 buckets and folds the groups into a checksum. Deterministic for a given <c>n</c>.
/// </summary>
internal sealed class DuckDbAggregation(DuckDbDatabase database)
{
    internal const long MaxRows = 100_000_000;

    private const string Sql = """
        SELECT CAST(sum(c) AS BIGINT), count(*), CAST(max(c) AS BIGINT), CAST(min(c) AS BIGINT), CAST(sum(h) % 1000000007 AS BIGINT)
        FROM (SELECT hash(range) % 10000 AS bucket, count(*) AS c, sum(hash(range) % 1000003) AS h FROM range($1) GROUP BY bucket)
        """;

    internal AggregationResult Run(long n, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var connection = database.OpenConnection(cancellationToken);
        using var statement = connection.Prepare(Sql);
        statement.Bind(1, n);
        using var result = statement.Query(cancellationToken);
        result.ReadChunk();
        var chunk = result.Chunk;
        return new AggregationResult(
            chunk.GetColumn(0).Get<long>(0),
            chunk.GetColumn(1).Get<long>(0),
            chunk.GetColumn(2).Get<long>(0),
            chunk.GetColumn(3).Get<long>(0),
            chunk.GetColumn(4).Get<long>(0),
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3));
    }
}

/// <summary>Set by the factory when this request computed the value: how a demo tells a miss from a hit.</summary>
internal sealed class ComputeProbe
{
    internal bool Computed { get; set; }

    internal double ComputeMs { get; set; }
}
