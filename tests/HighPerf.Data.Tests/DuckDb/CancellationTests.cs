using System.Diagnostics;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class CancellationTests
{
    // Runs for minutes on two cores unless interrupted.
    private const string LongQuery = "SELECT count(*) FROM range(100000000000) a(i) WHERE i % 7 = 3";

    [Fact]
    public async Task A_long_query_is_cancelled_within_100_ms_and_the_connection_stays_usable()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var cts = new CancellationTokenSource();
        var cancelledAt = 0L;
        var query = Task.Run(() => connection.ExecuteScalar<long>(LongQuery, cts.Token));

        await Task.Delay(300);
        Assert.False(query.IsCompleted);
        cancelledAt = Stopwatch.GetTimestamp();
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        var elapsed = Stopwatch.GetElapsedTime(cancelledAt);

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(100), $"cancellation took {elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(42L, connection.ExecuteScalar<long>("SELECT 42"));
    }

    [Fact]
    public async Task Cancelling_while_a_streaming_result_is_read_stops_it()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var cts = new CancellationTokenSource();
        using var result = connection.Query("SELECT i, i * 2 FROM range(100000000000) a(i)", cts.Token);
        Assert.True(result.ReadChunk());
        var reader = Task.Run(() =>
        {
            while (result.ReadChunk())
            {
            }
        });

        await Task.Delay(100);
        var cancelledAt = Stopwatch.GetTimestamp();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader);
        Assert.True(Stopwatch.GetElapsedTime(cancelledAt) < TimeSpan.FromMilliseconds(100));
        result.Dispose();
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT 1"));
    }

    [Fact]
    public async Task A_cancelled_prepared_statement_runs_again()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var statement = connection.Prepare("SELECT count(*) FROM range($1) a(i) WHERE i % 7 = 3");
        statement.Bind(1, 100_000_000_000L);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() => statement.ExecuteScalar<long>(cts.Token)));
        Assert.Equal(1L, statement.Bind(1, 10L).ExecuteScalar<long>());
    }

    [Fact]
    public void An_already_cancelled_token_runs_nothing()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (x INT)");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => connection.Execute("INSERT INTO t VALUES (1)", cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => connection.Query("SELECT 1", cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => db.OpenConnection(cts.Token));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task An_interrupt_that_is_not_a_cancellation_is_a_DuckDbException()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        var query = Task.Run(() => connection.ExecuteScalar<long>(LongQuery));
        await Task.Delay(200);
        HighPerf.Data.Native.NativeMethods.Interrupt(connection.Handle);
        var ex = await Assert.ThrowsAsync<DuckDbException>(() => query);
        Assert.Equal(DuckDbErrorKind.Interrupted, ex.Kind);
    }
}
