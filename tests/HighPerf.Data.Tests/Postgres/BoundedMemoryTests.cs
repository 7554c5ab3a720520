using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Postgres;

[Collection(MeasuredAloneCollection.Name)]
public sealed class BoundedMemoryTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    [Fact]
    public async Task Reading_five_million_rows_keeps_the_managed_heap_bounded()
    {
        const long rows = 5_000_000;
        const long limit = 64L << 20;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = 0, seen = 0, idSum = 0, batches = 0;
        var sql = """
            SELECT g::int8 AS id, (g % 100000)::int8 AS user_id, (ARRAY['page_view','click','purchase'])[1 + g % 3] AS event_type,
                   (g % 1000) * 0.25::float8 AS amount, timestamptz '2024-01-01' + g * interval '1 second' AS created_at, g % 2 = 0 AS flag
            FROM (SELECT generate_series(1, 5000000) AS g) s
            """;
        await foreach (var batch in Client.ReadAsync(sql, batchSize: 65_536))
        {
            using (batch)
            {
                seen += batch.Length;
                batches++;
                foreach (var id in batch.Column<Int64Array>(0).Values)
                {
                    idSum += id;
                }
            }

            // What the read keeps alive, sampled every few batches: garbage waiting for the next gen0 collection is not held memory.
            if (batches % 8 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        Assert.Equal(rows, seen);
        Assert.Equal(rows * (rows + 1) / 2, idSum);
        Assert.Equal((rows + 65_535) / 65_536, batches);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(peak < limit, $"the managed heap grew by {peak >> 20} MiB over the read; {allocated >> 20} MiB allocated");
        // The heap as a full collection leaves it (fragmentation included); the last collection of any kind could
        // be a gen0 one in the middle of the read, whose heap size counts the garbage it had not yet collected.
        GC.Collect();
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(info.HeapSizeBytes - before < limit, $"the heap is {info.HeapSizeBytes >> 20} MiB after the read");

        // No per-value or per-row objects of ours: what is allocated is Npgsql's per-message cost of
        // NpgsqlRawCopyStream.ReadAsync (one CopyData message, i.e. one row, per call; about 48 bytes each).
        Assert.True(allocated < rows * 64, $"{allocated / rows} bytes allocated per row");
    }
}
