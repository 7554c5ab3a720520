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
/// Arrow record batches: copied by us (one chunk a batch, and row groups of 60 chunks) and converted by DuckDB. Every case returns the rows it saw.
/// </summary>
[Config(typeof(DuckDbBenchmarkConfig))]
public class DuckDbQueryBenchmarks
{
    private const int RowGroupRows = 122_880;

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

    /// <summary>Our streaming result as Arrow record batches of one chunk each, copied from the vectors by us.</summary>
    [Benchmark]
    public long ArrowBatches() => CountBatches(static result => result.ReadArrowBatch());

    /// <summary>The same as batches of up to 122,880 rows (a row group), 60 chunks each.</summary>
    [Benchmark]
    public long ArrowRowGroups() => CountBatches(static result => result.ReadArrowBatch(RowGroupRows));

    /// <summary>The same chunks converted by DuckDB (<c>duckdb_data_chunk_to_arrow</c>) and imported through the C Data Interface.</summary>
    [Benchmark]
    public long ArrowByDuckDb() => CountBatches(static result => result.ReadConvertedByDuckDb());

    private long CountBatches(Func<DuckDbResult, HighPerf.Data.Arrow.RecordBatch?> read)
    {
        long rows = 0;
        using var result = _connection!.Query(Sql);
        while (read(result) is { } batch)
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
