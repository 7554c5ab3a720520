using System.Diagnostics;
using HighPerf.Sample.Events;

namespace HighPerf.Benchmarks.BulkJson;

/// <summary>
/// The baseline: DuckDB loading the same file by itself, <c>INSERT INTO events SELECT ... FROM read_json(file)</c> with
/// the columns typed as the table's, into a fresh database per run (DuckDB's own multi-threaded JSON reader, no HTTP).
/// Also <c>SELECT count(*) FROM read_json(...)</c>: the read and parse alone.
/// </summary>
internal static class DuckDbReadJsonBaseline
{
    public static (double[] InsertMs, double[] InsertCpuMs, double[] ReadMs, long Rows) Run(string file, int runs)
    {
        var full = Path.GetFullPath(file);
        var source = $"read_json('{full.Replace("'", "''", StringComparison.Ordinal)}', format = 'array', " +
            "columns = {user_id: 'BIGINT', event_type: 'VARCHAR', amount: 'DECIMAL(12,2)', properties: 'JSON', created_at: 'TIMESTAMPTZ'})";
        var insert = $"INSERT INTO events SELECT nextval('event_ids'), user_id, event_type, amount, properties, coalesce(created_at, current_timestamp) FROM {source}";
        var insertMs = new double[runs];
        var insertCpuMs = new double[runs];
        var readMs = new double[runs];
        long rows = 0;
        for (var r = 0; r < runs; r++)
        {
            using var store = new BulkJsonStore(Path.GetDirectoryName(full));
            store.Database.Execute("CREATE SEQUENCE event_ids START 1");
            var started = Stopwatch.GetTimestamp();
            var read = store.Database.ExecuteScalar<long>($"SELECT count(*) FROM {source}");
            readMs[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            started = Stopwatch.GetTimestamp();
            store.Database.Execute(insert);
            insertMs[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            insertCpuMs[r] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            rows = store.Count();
            if (rows != read)
            {
                throw new InvalidOperationException($"read_json counted {read} rows but the insert stored {rows}.");
            }

            Console.Error.WriteLine($"duckdb read_json run {r + 1}: count {readMs[r]:F0} ms, insert {insertMs[r]:F0} ms (cpu {insertCpuMs[r]:F0} ms), {rows} rows in {EventSchema.Table}");
        }

        return (insertMs, insertCpuMs, readMs, rows);
    }
}
