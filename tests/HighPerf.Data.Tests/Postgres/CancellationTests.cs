using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Postgres;

[Collection(PostgresFixture.CollectionName)]
public sealed class CancellationTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(EventBatches.Ddl);
    }

    [Fact]
    public async Task Cancelling_mid_read_throws_and_stops_the_query_on_the_server()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in Client.ReadAsync("SELECT g AS id, md5(g::text) AS h FROM (SELECT generate_series(1, 200000000) AS g) s", batchSize: 10_000, cancellationToken: cts.Token))
            {
                batch.Dispose();
                if (++seen == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(3, seen);
        await AssertNoCopyRunsAsync();
    }

    [Fact]
    public async Task Leaving_a_read_early_cancels_the_COPY_on_the_server()
    {
        await foreach (var batch in Client.ReadAsync("SELECT generate_series(1, 200000000) AS id", batchSize: 1_000))
        {
            batch.Dispose();
            break;
        }

        await AssertNoCopyRunsAsync();
    }

    [Fact]
    public async Task Cancelling_mid_insert_throws_and_stores_nothing()
    {
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.BulkInsertAsync("events", EventBatches.Columns, Endless(cts), cts.Token));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events"));
        await AssertNoCopyRunsAsync();

        // The pool's connection came back clean.
        var good = EventBatches.Create(1, 100, 100).ToList();
        Assert.Equal(100, await Client.BulkInsertAsync("events", EventBatches.Columns, good));
        DisposeAll(good);
    }

    [Fact]
    public async Task Cancelling_a_JSON_insert_stores_nothing()
    {
        using var cts = new CancellationTokenSource();
        using var body = new CancelAfterStream(EventBatches.Json(1, 200_000), cts, cancelAfterBytes: 2_000_000);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.BulkInsertJsonAsync("events", EventBatches.Definition, body, cts.Token));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    private static async IAsyncEnumerable<RecordBatch> Endless(CancellationTokenSource cts)
    {
        var sent = 0;
        foreach (var batch in EventBatches.Create(1, long.MaxValue / 2, 10_000))
        {
            yield return batch;
            batch.Dispose();
            if (++sent == 20)
            {
                await cts.CancelAsync();
            }
        }
    }

    private async Task AssertNoCopyRunsAsync()
    {
        // The backend may take a moment to act on the cancel request.
        for (var attempt = 0; ; attempt++)
        {
            var running = await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%' AND state = 'active' AND pid <> pg_backend_pid()");
            if (running == 0)
            {
                return;
            }

            Assert.True(attempt < 50, "a COPY is still running on the server");
            await Task.Delay(100);
        }
    }

    private sealed class CancelAfterStream(byte[] data, CancellationTokenSource cts, int cancelAfterBytes) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= cancelAfterBytes)
            {
                await cts.CancelAsync();
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
