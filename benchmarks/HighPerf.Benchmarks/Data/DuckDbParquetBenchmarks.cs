using BenchmarkDotNet.Attributes;
using HighPerf.Data;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// Parquet export of the 10-million-row events table into the allowed export folder, per codec. Baseline: the
/// same <c>COPY ... TO</c> written as raw SQL (no path checks), which shows what our export adds: nothing
/// but the confinement of the path.
/// </summary>
[Config(typeof(DuckDbBenchmarkConfig))]
public class DuckDbParquetBenchmarks
{
    private DuckDbDatabase? _database;
    private DuckDbConnection? _connection;

    [Params(ParquetCompression.Zstd, ParquetCompression.Snappy)]
    public ParquetCompression Compression { get; set; }

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

    [Benchmark(Baseline = true)]
    public long RawCopy() => _connection!.ExecuteScalar<long>(
        $"COPY events TO '{Path.Combine(DuckDbEventsDatabase.ExportFolder, "raw.parquet")}' (FORMAT parquet, COMPRESSION {Compression.ToString().ToLowerInvariant()})");

    [Benchmark]
    public long ExportParquet() => _connection!.ExportParquet("SELECT * FROM events", "events.parquet", Compression);
}
