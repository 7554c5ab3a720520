using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using HighPerf.Data.Arrow;

namespace HighPerf.Benchmarks.Data.Postgres;

/// <summary>
/// 1 M events into a table with a primary key on a server with fsync on: psql's <c>\copy ... (FORMAT binary)</c> of a
/// file holding the same rows (the baseline, a separate process as a user would run it), our COPY from Arrow batches,
/// and our COPY from a JSON body. Each iteration starts from an empty, checkpointed table.
/// </summary>
[Config(typeof(DuckDbBenchmarkConfig))]
public class PostgresBulkInsertBenchmarks
{
    private PostgresBenchServer _server = null!;
    private List<RecordBatch> _batches = null!;
    private byte[] _json = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await PostgresBenchServer.StartAsync(durable: true);
        _batches = PostgresEventRows.Batches(PostgresBenchServer.Rows);
        _json = PostgresEventRows.Json(PostgresBenchServer.Rows);
        await _server.WriteBinaryFileAsync(_batches);
    }

    [IterationSetup]
    public void EmptyTable()
    {
        _server.ExecuteAsync("TRUNCATE events").GetAwaiter().GetResult();
        _server.ExecuteAsync("CHECKPOINT").GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public long PsqlBinaryCopy()
    {
        using var psql = Process.Start(new ProcessStartInfo("psql", [_server.LibPqConnection, "-v", "ON_ERROR_STOP=1", "-q", "-c", $"\\copy events FROM '{_server.BinaryFile}' (FORMAT binary)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = psql.StandardError.ReadToEndAsync();
        psql.StandardOutput.ReadToEnd();
        psql.WaitForExit();
        if (psql.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {error.Result}");
        }

        return PostgresBenchServer.Rows;
    }

    [Benchmark]
    public Task<long> ArrowBulkInsert() => _server.Client.BulkInsertAsync("events", PostgresBenchServer.Columns, _batches);

    [Benchmark]
    public Task<long> JsonBulkInsert() => _server.Client.BulkInsertJsonAsync("events", PostgresEventRows.Definition, new MemoryStream(_json, writable: false));

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var batch in _batches)
        {
            batch.Dispose();
        }

        await _server.DisposeAsync();
    }
}
