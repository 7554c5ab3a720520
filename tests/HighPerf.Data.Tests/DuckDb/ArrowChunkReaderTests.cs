using HighPerf.Data.Arrow;
using HighPerf.Data.Tests.Arrow;

namespace HighPerf.Data.Tests.DuckDb;

/// <summary>
/// Our copy of DuckDB's vectors into Arrow batches of many chunks, held to DuckDB's own conversion
/// (<c>duckdb_data_chunk_to_arrow</c>) value for value.
/// </summary>
public sealed class ArrowChunkReaderTests
{
    /// <summary>The filter leaves chunks of uneven sizes, so validity bitmaps are appended at every bit offset.</summary>
    private const string Filtered = "SELECT *, NULL AS nothing FROM original WHERE hash(id) % 3 <> 0";

    [Theory]
    [InlineData(2048)]
    [InlineData(5000)]
    [InlineData(1_000_000)]
    public void Gathered_batches_hold_the_values_DuckDB_converts(int maxRows)
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE original AS " + ArrowRoundTripTests.AllTypesSql.Replace("range(5000)", "range(20000)", StringComparison.Ordinal));

        var (schema, ours) = ReadAll(connection, Filtered, result => result.ReadArrowBatch(maxRows));
        var (_, theirs) = ReadAll(connection, Filtered, result => result.ReadConvertedByDuckDb());
        Assert.All(ours, batch => Assert.InRange(batch.Length, 1, maxRows));

        var rows = connection.ExecuteScalar<long>("SELECT count(*) FROM original WHERE hash(id) % 3 <> 0");
        Assert.Equal(rows, ours.Sum(b => (long)b.Length));
        Assert.Equal(rows, theirs.Sum(b => (long)b.Length));
        Assert.Contains(theirs.SkipLast(1), b => b.Length % 8 != 0);
        if (maxRows > 2048)
        {
            Assert.True(ours.Count < theirs.Count, $"{ours.Count} gathered batches for {theirs.Count} chunks");
        }

        Assert.Equal(Columns(schema, theirs), Columns(schema, ours));
        Assert.Equal(NullCounts(theirs), NullCounts(ours));
        foreach (var batch in ours.Concat(theirs))
        {
            batch.Dispose();
        }
    }

    [Fact]
    public void Timestamps_of_every_unit_are_copied_as_DuckDB_converts_them()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        const string Sql = """
            SELECT CASE WHEN i % 5 = 1 THEN NULL ELSE (TIMESTAMP '1960-01-01' + to_seconds(i * 86401))::TIMESTAMP_S END AS s,
                   CASE WHEN i % 5 = 2 THEN NULL ELSE (TIMESTAMP '1960-01-01' + to_milliseconds(i * 86400123))::TIMESTAMP_MS END AS ms,
                   CASE WHEN i % 5 = 3 THEN NULL ELSE (TIMESTAMP '1960-01-01' + to_microseconds(i * 86400123457))::TIMESTAMP_NS END AS ns
            FROM range(6000) t(i)
            """;
        var (schema, ours) = ReadAll(connection, Sql, result => result.ReadArrowBatch(10_000));
        var (_, theirs) = ReadAll(connection, Sql, result => result.ReadConvertedByDuckDb());

        Assert.Equal("s: timestamp[s], ms: timestamp[ms], ns: timestamp[ns]", schema.ToString());
        Assert.Single(ours);
        Assert.Equal(Columns(schema, theirs), Columns(schema, ours));
        foreach (var batch in ours.Concat(theirs))
        {
            batch.Dispose();
        }
    }

    [Fact]
    public void A_chunk_left_over_from_a_batch_is_read_next_by_either_reader()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT i FROM range(10000) t(i) WHERE i % 7 <> 3");

        var seen = new List<long>();
        using (var batch = result.ReadArrowBatch(3000)!)
        {
            // Chunks of about 1,755 rows: a second would pass 3,000, so it waits for the next read.
            Assert.InRange(batch.Length, 1, 3000);
            seen.AddRange(batch.Column<Int64Array>(0).Values.ToArray());
        }

        Assert.True(result.ReadChunk());
        seen.AddRange(result.Chunk.GetColumn(0).GetValues<long>().ToArray());
        while (result.ReadArrowBatch(4096) is { } batch)
        {
            using (batch)
            {
                seen.AddRange(batch.Column<Int64Array>(0).Values.ToArray());
            }
        }

        Assert.Equal(Enumerable.Range(0, 10000).Where(i => i % 7 != 3).Select(i => (long)i), seen);
    }

    [Fact]
    public void A_type_we_do_not_copy_leaves_the_result_to_DuckDBs_conversion_one_chunk_a_batch()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT i, ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS u FROM range(5000) t(i)");

        var lengths = new List<int>();
        var last = string.Empty;
        while (result.ReadArrowBatch(100_000) is { } batch)
        {
            using (batch)
            {
                lengths.Add(batch.Length);
                last = batch.Column<StringArray>(1).GetValue(batch.Length - 1);
            }
        }

        Assert.Equal(5000, lengths.Sum());
        Assert.All(lengths, length => Assert.InRange(length, 1, 2048));
        Assert.Equal("00000000-0000-0000-0000-000000004999", last);
    }

    [Fact]
    public void A_query_failing_part_way_through_a_batch_hands_out_none_of_its_rows()
    {
        // A small streaming buffer, so DuckDB's threads cannot reach the failing row before the reader has rows.
        using var db = TestDb.Open(o => o.StreamingBufferSize = "1MB");
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT i, repeat('x', 100) AS pad, CASE WHEN i = 200000 THEN error('boom at 200000') END AS e FROM range(400000) t(i)");

        var ex = Assert.Throws<DuckDbException>(() => result.ReadArrowBatch(1_000_000));
        // DuckDB stops its other threads when one fails, and now and then the reader is told of that stop
        // ("Interrupted!") instead of the failure itself; either way the read fails.
        Assert.True(ex.Message.Contains("boom at 200000", StringComparison.Ordinal) || ex.Message.Contains("Interrupted", StringComparison.Ordinal), ex.Message);
        Assert.Null(result.ReadArrowBatch(1_000_000));
    }

    [Fact]
    public void A_batch_below_one_chunk_is_refused()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT 1");
        Assert.Throws<ArgumentOutOfRangeException>(() => result.ReadArrowBatch(2047));
    }

    /// <summary>Every batch of <paramref name="sql"/>'s result as <paramref name="read"/> reads it, and the result's schema.</summary>
    private static (Schema Schema, List<RecordBatch> Batches) ReadAll(DuckDbConnection connection, string sql, Func<DuckDbResult, RecordBatch?> read)
    {
        var batches = new List<RecordBatch>();
        using var result = connection.Query(sql);
        while (read(result) is { } batch)
        {
            batches.Add(batch);
        }

        return (result.ArrowSchema, batches);
    }

    /// <summary>Each column's canonical values end to end across the batches, whatever their boundaries.</summary>
    private static List<string>[] Columns(Schema schema, List<RecordBatch> batches)
    {
        var json = CanonicalJson.From(schema, batches);
        var columns = new List<string>[schema.Fields.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = [];
            foreach (var batch in json["batches"]!.AsArray())
            {
                foreach (var value in batch!["columns"]![c]!.AsArray())
                {
                    columns[c].Add(value?.ToJsonString() ?? "null");
                }
            }
        }

        return columns;
    }

    private static int[] NullCounts(List<RecordBatch> batches)
    {
        var counts = new int[batches[0].ColumnCount];
        foreach (var batch in batches)
        {
            for (var c = 0; c < counts.Length; c++)
            {
                counts[c] += batch.Column(c).NullCount;
            }
        }

        return counts;
    }
}
