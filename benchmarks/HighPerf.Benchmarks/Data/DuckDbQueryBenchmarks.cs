using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using HighPerf.Data;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// Query to Arrow over the 10-million-row events table: a full scan of its 6 columns and a group-by. The
/// baseline is DuckDB executing the same query with the result discarded inside DuckDB (<c>EXPLAIN ANALYZE</c>,
/// whose output is the profile, not the rows); beside it DuckDB materializing the result in its own format
/// (<c>duckdb_query</c>, destroyed unread), then our streaming result read chunk by chunk in place, and as
/// Arrow record batches through the C Data Interface. Every case returns the rows it saw.
/// </summary>
[Config(typeof(DuckDbBenchmarkConfig))]
public class DuckDbQueryBenchmarks
{
    private DuckDbDatabase? _database;
    private DuckDbConnection? _connection;

    [Params("scan", "group-by")]
    public string Query { get; set; } = "scan";

    private string Sql => Query == "scan"
        ? "SELECT id, user_id, event_type, amount, properties, created_at FROM events"
        : "SELECT event_type, user_id % 100 AS bucket, count(*) AS n, sum(amount) AS total, min(created_at) AS first FROM events GROUP BY ALL";

    [GlobalSetup]
    public void Setup()
    {
        _database = DuckDbEventsDatabase.Open(readOnly: true);
        _connection = _database.OpenConnection();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection?.Dispose();
        _database?.Dispose();
    }

    /// <summary>DuckDB runs the plan and throws the rows away (the profile is the only output).</summary>
    [Benchmark(Baseline = true)]
    public long ExplainAnalyze()
    {
        var plan = _connection!.QueryRows("EXPLAIN ANALYZE " + Sql, r => r.Get<string>(1))[0]!;
        return ExecutionSeconds(plan) > 0 ? 1 : 0;
    }

    /// <summary><c>duckdb_query</c>: DuckDB materializes the result in its own column format; destroyed unread.</summary>
    [Benchmark]
    public long DuckDbMaterialized() => _connection!.Execute(Sql) + 1;

    /// <summary>Our streaming result, every chunk's vectors touched in place (no conversion).</summary>
    [Benchmark]
    public long Chunks()
    {
        long rows = 0;
        using var result = _connection!.Query(Sql);
        while (result.ReadChunk())
        {
            rows += result.Chunk.RowCount;
        }

        return rows;
    }

    /// <summary>Our streaming result as Arrow record batches through the C Data Interface.</summary>
    [Benchmark]
    public long ArrowBatches()
    {
        long rows = 0;
        using var result = _connection!.Query(Sql);
        while (result.ReadArrowBatch() is { } batch)
        {
            rows += batch.Length;
            batch.Dispose();
        }

        return rows;
    }

    /// <summary>The "Total Time" DuckDB's profiler reports in an <c>EXPLAIN ANALYZE</c> output, in seconds.</summary>
    public static double ExecutionSeconds(string plan)
    {
        var match = Regex.Match(plan, @"Total Time: ([0-9.]+)s", RegexOptions.CultureInvariant);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
}
