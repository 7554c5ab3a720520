namespace HighPerf.Data.Tests.DuckDb;

/// <summary>Databases and folders for the tests: each test gets its own.</summary>
internal static class TestDb
{
    public static DuckDbDatabase Open(Action<DuckDbOptions>? configure = null)
    {
        var options = new DuckDbOptions { Threads = 2, MemoryLimit = "2GB" };
        configure?.Invoke(options);
        return DuckDbDatabase.Open(options);
    }
}

/// <summary>A fresh folder under the system's temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("highperf-duckdb-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string CreateDirectory(params string[] parts) => Directory.CreateDirectory(Combine(parts)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
