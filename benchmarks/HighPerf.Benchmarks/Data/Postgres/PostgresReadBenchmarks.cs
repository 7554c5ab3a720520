using BenchmarkDotNet.Attributes;
using Npgsql;

namespace HighPerf.Benchmarks.Data.Postgres;

/// <summary>
/// 1 M events × 6 columns read out of PostgreSQL: the usual <c>NpgsqlDataReader.GetValue</c> into an <c>object[]</c>
/// per row (the baseline), our binary COPY parsed into Arrow batches, and the same binary COPY drained into a buffer
/// and thrown away (the floor: what the server and the socket cost).
/// </summary>
[Config(typeof(DuckDbBenchmarkConfig))]
public class PostgresReadBenchmarks
{
    private const string Query = "SELECT id, user_id, event_type, amount, created_at, flag FROM events";

    private PostgresBenchServer _server = null!;
    private readonly byte[] _buffer = new byte[256 * 1024];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await PostgresBenchServer.StartAsync(durable: false);
        var batches = PostgresEventRows.Batches(PostgresBenchServer.Rows);
        await _server.Client.BulkInsertAsync("events", PostgresBenchServer.Columns, batches);
        foreach (var batch in batches)
        {
            batch.Dispose();
        }

        await _server.ExecuteAsync("VACUUM ANALYZE events");
    }

    [Benchmark(Baseline = true)]
    public async Task<long> DataReaderObjectRows()
    {
        var rows = new List<object[]>();
        await using var command = _server.DataSource.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[6];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows.Count;
    }

    [Benchmark]
    public async Task<long> ArrowRead()
    {
        long rows = 0;
        await foreach (var batch in _server.Client.ReadAsync(Query))
        {
            rows += batch.Length;
            batch.Dispose();
        }

        return rows;
    }

    [Benchmark]
    public async Task<long> RawCopyDrain()
    {
        long bytes = 0;
        await using var connection = await _server.DataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY ({Query}) TO STDOUT (FORMAT BINARY)");
        int read;
        while ((read = await copy.ReadAsync(_buffer.AsMemory(), default)) > 0)
        {
            bytes += read;
        }

        return bytes;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _server.DisposeAsync();
}
