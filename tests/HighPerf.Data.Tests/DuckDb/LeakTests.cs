using System.Diagnostics;
using HighPerf.Data.Native;
using Xunit.Abstractions;

namespace HighPerf.Data.Tests.DuckDb;

/// <summary>
/// Every native object is a SafeHandle counted while alive, so a leak shows as a count that does not
/// return to where it was; resident memory is checked too, for leaks inside DuckDB.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class LeakTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_thousand_connection_open_query_close_cycles_leak_nothing()
    {
        const int cycles = 10_000;
        using var db = DuckDbDatabase.Open(new DuckDbOptions { Threads = 1 });
        db.Pool.KeepIdle = false;
        db.Execute("CREATE TABLE t (id BIGINT, name VARCHAR)");
        Cycle(db, 0);
        var baseline = DuckDbHandle.Live;
        long warm = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= cycles; i++)
        {
            Cycle(db, i);
            Assert.Equal(baseline, DuckDbHandle.Live);
            if (i == 1_000)
            {
                warm = Rss();
            }
        }

        var growth = Rss() - warm;
        output.WriteLine($"{cycles} cycles in {watch.Elapsed.TotalSeconds:F1} s; resident memory after the first 1,000 grew by {growth / 1024.0 / 1024.0:F1} MiB");
        Assert.True(growth < 32L << 20, $"resident memory grew by {growth >> 20} MiB");
        Assert.Equal(0, db.Pool.IdleCount);
    }

    [Fact]
    public void Databases_opened_and_closed_again_and_again_leak_nothing()
    {
        const int cycles = 120;
        OpenQueryClose(0);
        var baseline = DuckDbHandle.Live;
        long warm = 0;
        for (var i = 1; i <= cycles; i++)
        {
            OpenQueryClose(i);
            Assert.Equal(baseline, DuckDbHandle.Live);
            if (i == 20)
            {
                warm = Rss();
            }
        }

        var growth = Rss() - warm;
        output.WriteLine($"resident memory after the first 20 databases grew by {growth / 1024.0 / 1024.0:F1} MiB over {cycles - 20} more");
        Assert.True(growth < 32L << 20, $"resident memory grew by {growth >> 20} MiB");
    }

    private static void Cycle(DuckDbDatabase db, int i)
    {
        using var connection = db.OpenConnection();
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append((long)i).Append("a name longer than twelve bytes " + i).EndRow();
            appender.Complete();
        }

        using (var statement = connection.Prepare("SELECT name FROM t WHERE id = $1"))
        {
            Assert.EndsWith(" " + i, statement.Bind(1, (long)i).ExecuteScalar<string>(), StringComparison.Ordinal);
        }

        using (var result = connection.Query("SELECT range, 'x' || range FROM range(3000)"))
        {
            while (result.ReadChunk())
            {
            }
        }

        Assert.Throws<DuckDbException>(() => connection.Execute("SELECT * FROM missing"));
    }

    private static void OpenQueryClose(int i)
    {
        using var db = DuckDbDatabase.Open(new DuckDbOptions { Threads = 1 });
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t AS SELECT range AS id FROM range(10000)");
        Assert.Equal(49_995_000L + (i * 0), connection.ExecuteScalar<long>("SELECT sum(id) FROM t"));
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
