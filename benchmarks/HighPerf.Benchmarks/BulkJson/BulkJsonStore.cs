using HighPerf.Data;
using HighPerf.Sample.Events;

namespace HighPerf.Benchmarks.BulkJson;

/// <summary>A fresh on-disk DuckDB file with the sample's events table, as the sample host opens it; deleted on dispose.</summary>
internal sealed class BulkJsonStore : IDisposable
{
    private readonly DirectoryInfo _folder;

    public BulkJsonStore(string? readableFolder = null)
    {
        _folder = Directory.CreateTempSubdirectory("highperf-bulk-json-");
        Database = DuckDbDatabase.Open(new DuckDbOptions
        {
            Path = Path.Combine(_folder.FullName, "highperf.duckdb"),
            AllowedDirectories = readableFolder is null ? [] : [readableFolder],
        });
        Events = new EventStore(Database);
        Events.EnsureCreated();
    }

    public DuckDbDatabase Database { get; }

    public EventStore Events { get; }

    public long Count() => Database.ExecuteScalar<long>("SELECT count(*) FROM events");

    public void Dispose()
    {
        Events.Dispose();
        Database.Dispose();
        _folder.Delete(recursive: true);
    }
}
