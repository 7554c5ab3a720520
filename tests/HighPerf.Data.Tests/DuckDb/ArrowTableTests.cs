using HighPerf.Data.Arrow;
using HighPerf.Data.Tests.Arrow;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class ArrowTableTests
{
    private static readonly int[] s_sizes = [3000, 1, 0, 2048, 2049, 777, 10_000];

    [Fact]
    public void Registered_batches_are_a_table_every_connection_queries_by_name()
    {
        using var db = TestDb.Open();
        var batches = s_sizes.Select((rows, seed) => ArrowSamples.AllTypes(rows, seed)).ToList();
        var expectedRows = s_sizes.Sum();
        Int128 expectedSum = 0;
        foreach (var b in batches)
        {
            for (var i = 0; i < b.Length; i++)
            {
                expectedSum += b.Column(5).IsNull(i) ? 0 : b.Column<Int64Array>(5).GetValue(i);
            }
        }

        var expectedNulls = batches.Sum(b => b.Column(12).NullCount);
        var expectedBytes = batches.Sum(b => (long)b.Column<StringArray>(12).Data.Length);
        var expectedDecimal = batches.Sum(b => Enumerable.Range(0, b.Length).Where(i => !b.Column(17).IsNull(i)).Sum(i => b.Column<Decimal128Array>(17).GetDecimal(i)));

        using var table = db.RegisterArrowTable("pg_rows", ArrowSamples.AllTypesSchema, batches);
        Assert.Equal(expectedRows, table.RowCount);

        using var connection = db.OpenConnection();
        Assert.Equal((long)expectedRows, connection.ExecuteScalar<long>("SELECT count(*) FROM pg_rows"));
        Assert.Equal(expectedSum, connection.ExecuteScalar<Int128>("SELECT sum(i64)::HUGEINT FROM pg_rows"));
        Assert.Equal((long)expectedNulls, connection.ExecuteScalar<long>("SELECT count(*) FROM PG_ROWS WHERE utf8 IS NULL"));
        Assert.Equal(expectedBytes, connection.ExecuteScalar<long>("SELECT sum(strlen(utf8)) FROM pg_rows"));
        Assert.Equal(expectedDecimal, connection.ExecuteScalar<decimal>("SELECT sum(decimal) FROM highperf_arrow_scan('pg_rows')"));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", connection.ExecuteScalar<string>("SELECT typeof(ts_utc) FROM pg_rows LIMIT 1"));

        // Scanned again, in parallel, from other connections, joined with a real table: the same rows each time.
        connection.Execute("CREATE TABLE copy AS SELECT * FROM pg_rows");
        var counts = Enumerable.Range(0, 8).AsParallel().Select(_ =>
        {
            using var other = db.OpenConnection();
            return other.ExecuteScalar<long>("SELECT count(*) FROM pg_rows p JOIN (SELECT DISTINCT i32 FROM copy) c USING (i32)");
        }).ToList();
        Assert.All(counts, c => Assert.Equal((long)expectedRows, c));

        // Our appender's copy and DuckDB's scan of the same batches agree row for row.
        connection.Execute("CREATE TABLE appended AS SELECT * FROM pg_rows LIMIT 0");
        using (var appender = connection.CreateAppender("appended"))
        {
            foreach (var batch in s_sizes.Select((rows, seed) => ArrowSamples.AllTypes(rows, seed)))
            {
                using (batch)
                {
                    appender.Append(batch);
                }
            }

            appender.Complete();
        }

        ArrowRoundTripTests.AssertSameRows(connection, "pg_rows", "appended");
        ArrowRoundTripTests.AssertSameRows(connection, "pg_rows", "copy");
    }

    [Fact]
    public void The_scan_reads_the_arrow_values_exactly()
    {
        using var db = TestDb.Open();
        using var source = ArrowSamples.AllTypes(5000, seed: 42);
        using var table = db.RegisterArrowTable("t", ArrowSamples.AllTypesSchema, [ArrowSamples.AllTypes(5000, seed: 42)]);
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT i64, utf8, decimal38, ts_naive, f64 FROM t");
        var row = 0;
        while (result.ReadChunk())
        {
            var chunk = result.Chunk;
            for (var r = 0; r < chunk.RowCount; r++, row++)
            {
                Assert.Equal(source.Column<Int64Array>(5).GetNullableValue(row), chunk.GetColumn(0).Get<long?>(r));
                Assert.Equal(source.Column<StringArray>(12).GetValue(row), chunk.GetColumn(1).GetString(r));
                Assert.Equal(source.Column(18).IsNull(row), chunk.GetColumn(2).IsNull(r));
                if (!source.Column(18).IsNull(row))
                {
                    Assert.Equal(source.Column<Decimal128Array>(18).GetValue(row), chunk.GetColumn(2).GetValues<Int128>()[r]);
                }

                Assert.Equal(source.Column<TimestampArray>(16).GetNullableValue(row), chunk.GetColumn(3).IsNull(r) ? null : chunk.GetColumn(3).GetValues<long>()[r]);
                Assert.Equal(source.Column<Float64Array>(11).GetNullableValue(row), chunk.GetColumn(4).Get<double?>(r));
            }
        }

        Assert.Equal(5000, row);
    }

    [Fact]
    public void Unregistering_removes_the_name_and_waits_for_queries_still_reading()
    {
        using var db = TestDb.Open();
        var table = db.RegisterArrowTable("t", ArrowSamples.AllTypesSchema, [ArrowSamples.AllTypes(50_000, seed: 1)]);
        Assert.Throws<ArgumentException>(() => db.RegisterArrowTable("T", ArrowSamples.AllTypesSchema, []));
        using var connection = db.OpenConnection();
        using var statement = connection.Prepare("SELECT count(*), sum(i32) FROM t");
        var before = statement.QueryRows(r => (r.Get<long>(0), r.Get<Int128>(1)))[0];
        using var reading = db.OpenConnection();
        var result = reading.Query("SELECT i32, utf8 FROM t");
        Assert.True(result.ReadChunk());

        table.Dispose();
        var ex = Assert.Throws<DuckDbException>(() => connection.Execute("SELECT * FROM t"));
        Assert.Equal(DuckDbErrorKind.Binding, ex.Kind);
        long rest = result.Chunk.RowCount;
        while (result.ReadChunk())
        {
            rest += result.Chunk.RowCount;
        }

        result.Dispose();
        Assert.Equal(50_000, rest);
        Assert.Equal(before, statement.QueryRows(r => (r.Get<long>(0), r.Get<Int128>(1)))[0]);
        using var again = db.RegisterArrowTable("t", ArrowSamples.AllTypesSchema, [ArrowSamples.AllTypes(10, seed: 2)]);
        Assert.Equal(10L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Batches_that_do_not_match_the_schema_are_refused()
    {
        using var db = TestDb.Open();
        using var batch = ArrowSamples.AllTypes(10, seed: 3);
        var other = new Schema([new Field("x", ArrowType.Int64)]);
        Assert.Throws<ArgumentException>(() => db.RegisterArrowTable("x", other, [batch]));
        Assert.Throws<DuckDbException>(() => db.Execute("SELECT * FROM x"));
    }
}
