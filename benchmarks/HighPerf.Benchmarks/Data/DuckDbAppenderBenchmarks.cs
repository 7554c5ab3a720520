using BenchmarkDotNet.Attributes;
using HighPerf.Data;
using HighPerf.Data.Arrow;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// Bulk insert of 10 million rows of the 6-column events table from Arrow record batches (10 batches of 1
/// million rows, as a reader of another source would hand them over) through our appender, each run into a
/// fresh table in one transaction. Baseline: DuckDB copying the same rows from a table into a new one
/// (<c>CREATE TABLE ... AS SELECT</c>), its own bulk insert path with nothing to convert. Rows per second
/// = 10,000,000 / the mean time. Also the same batches inserted by DuckDB itself from a registered Arrow table.
/// </summary>
[Config(typeof(DuckDbBenchmarkConfig))]
public class DuckDbAppenderBenchmarks
{
    private const int BatchRows = 1_000_000;
    private readonly List<RecordBatch> _batches = [];
    private DuckDbDatabase? _database;
    private DuckDbConnection? _connection;

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = DuckDbDatabase.Open(new DuckDbOptions());
        _connection = _database.OpenConnection();
        _connection.Execute("CREATE TABLE events (id BIGINT NOT NULL, user_id BIGINT NOT NULL, event_type VARCHAR NOT NULL, amount DECIMAL(12,2), properties JSON, created_at TIMESTAMPTZ NOT NULL)");
        for (var i = 0; i < Rows / BatchRows; i++)
        {
            _batches.Add(ArrowEventsTable.Create(BatchRows, seed: i));
        }

        using (var appender = _connection.CreateAppender("events"))
        {
            foreach (var batch in _batches)
            {
                appender.Append(batch);
            }

            appender.Complete();
        }
    }

    [IterationSetup]
    public void CreateTarget() => _connection!.Execute("DROP TABLE IF EXISTS target; CREATE TABLE target AS SELECT * FROM events LIMIT 0; CHECKPOINT");

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var batch in _batches)
        {
            batch.Dispose();
        }

        _connection?.Dispose();
        _database?.Dispose();
    }

    /// <summary>DuckDB's own insert of the same rows, from a table (the limit an appender can approach).</summary>
    [Benchmark(Baseline = true)]
    public long InsertSelect() => _connection!.Execute("INSERT INTO target SELECT * FROM events");

    /// <summary>Our appender fed with the Arrow batches.</summary>
    [Benchmark]
    public long AppendArrowBatches()
    {
        using var appender = _connection!.CreateAppender("target");
        foreach (var batch in _batches)
        {
            appender.Append(batch);
        }

        return appender.Complete();
    }

    /// <summary>The same batches registered as a table DuckDB scans in place, inserted by DuckDB's parallel <c>INSERT ... SELECT</c>.</summary>
    [Benchmark]
    public long InsertArrowBatches() => _connection!.InsertArrow("target", ArrowEventsTable.Schema, _batches);
}
