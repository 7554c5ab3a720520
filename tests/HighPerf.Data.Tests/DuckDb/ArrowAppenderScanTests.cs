using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.DuckDb;

/// <summary>
/// The appender hands a batch of 32,768 rows or more whose columns DuckDB reads exactly as the appender would to
/// DuckDB's own insert (exported in windows of 122,880 rows, DuckDB's row group); smaller batches are copied into its
/// chunks. These tests hold the two paths to the same result.
/// </summary>
public sealed class ArrowAppenderScanTests
{
    /// <summary>Above the appender's threshold for DuckDB's own insert, and more than two export windows.</summary>
    private const int Large = 250_000;

    /// <summary>Below it.</summary>
    private const int Small = 1_000;

    private const string MixedColumns = "(n BIGINT, i8 TINYINT, i16 INTEGER, u32 UBIGINT, f32 FLOAT, f64 DOUBLE, flag BOOLEAN, name VARCHAR, doc JSON, raw BLOB, day DATE, ts TIMESTAMP, tsz TIMESTAMPTZ, amount DECIMAL(10,2), nothing VARCHAR, no_doc JSON)";

    [Fact]
    public void A_large_batch_stores_the_same_rows_in_the_same_order_as_small_batches()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute($"CREATE TABLE large {MixedColumns}; CREATE TABLE small {MixedColumns}");
        using (var appender = connection.CreateAppender("large"))
        using (var batch = MixedBatch(0, Large))
        {
            appender.Append(batch);
            Assert.Equal(Large, appender.Complete());
        }

        using (var appender = connection.CreateAppender("small"))
        {
            for (var from = 0; from < Large; from += Small)
            {
                using var batch = MixedBatch(from, Small);
                appender.Append(batch);
            }

            Assert.Equal(Large, appender.Complete());
        }

        ArrowRoundTripTests.AssertSameRows(connection, "large", "small");
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM large WHERE n <> rowid"));

        // Text that is not JSON goes into a JSON column as it is, on both paths, as DuckDB's appender takes it.
        Assert.Equal("not json", connection.ExecuteScalar<string>("SELECT doc::VARCHAR FROM large WHERE n = 7"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM large WHERE (n % 19 = 0) <> (doc IS NULL)"));
    }

    [Fact]
    public void A_decimal_too_wide_in_a_large_batch_fails_the_whole_append()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (d DECIMAL(4,2))");
        using var builder = new Decimal128ArrayBuilder(4, 2);
        for (var i = 0; i < Large; i++)
        {
            builder.Append((Int128)(i == Large - 1 ? 12_345 : i % 9_999));
        }

        var schema = new Schema([new Field("d", ArrowType.Decimal128(4, 2))]);
        using var batch = new RecordBatch(schema, [builder.Build()], Large);
        using var fine = new Decimal128ArrayBuilder(4, 2);
        fine.Append(12.34m);
        using var small = new RecordBatch(schema, [fine.Build()], 1);
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(small);
            Assert.Throws<OverflowException>(() => appender.Append(batch));
            Assert.Throws<InvalidOperationException>(() => appender.Append(batch));
        }

        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_large_batch_that_breaks_a_constraint_fails_the_whole_append()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (id BIGINT NOT NULL CHECK (id >= 0))");
        using var builder = new Int64ArrayBuilder();
        for (var i = 0; i < Large; i++)
        {
            builder.Append(i == Large / 2 ? -1 : i);
        }

        using var batch = new RecordBatch(new Schema([new Field("id", ArrowType.Int64)]), [builder.Build()], Large);
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(3L).EndRow();
            var ex = Assert.Throws<DuckDbException>(() => appender.Append(batch));
            Assert.Contains("CHECK", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'highperf_insert_%'"));
    }

    [Fact]
    public async Task Connections_inserting_large_batches_at_once_all_land_and_leave_no_view()
    {
        using var db = TestDb.Open();
        using (var connection = db.OpenConnection())
        {
            connection.Execute(EventRows.CreateTable);
        }

        // The views DuckDB's scan reads through are catalog entries of each transaction: concurrent ones must not conflict.
        const int Batch = 40_000;
        using var batch = EventBatches.Build(0, Batch);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                using var connection = db.OpenConnection();
                if ((w + i) % 2 == 0)
                {
                    connection.InsertArrow("events", batch.Schema, [batch]);
                }
                else
                {
                    using var appender = connection.CreateAppender("events");
                    appender.Append(batch);
                    appender.Complete();
                }
            }
        }));
        await Task.WhenAll(writers);

        using var check = db.OpenConnection();
        Assert.Equal(12L * Batch, check.ExecuteScalar<long>("SELECT count(*) FROM events"));
        Assert.Equal(12L, check.ExecuteScalar<long>("SELECT count(*) FROM events WHERE id = 7"));
        Assert.Equal(0L, check.ExecuteScalar<long>("SELECT count(*) FROM duckdb_views() WHERE NOT internal"));
    }

    /// <summary>Row <c>n</c> of a batch over every column kind the appender can hand to DuckDB, nulls included.</summary>
    private static RecordBatch MixedBatch(int from, int count)
    {
        using var n = new Int64ArrayBuilder();
        using var i8 = new Int8ArrayBuilder();
        using var i16 = new Int16ArrayBuilder();
        using var u32 = new UInt32ArrayBuilder();
        using var f32 = new Float32ArrayBuilder();
        using var f64 = new Float64ArrayBuilder();
        using var flag = new BooleanArrayBuilder();
        using var name = new StringArrayBuilder();
        using var doc = new StringArrayBuilder();
        using var raw = new BinaryArrayBuilder();
        using var day = new Date32ArrayBuilder();
        using var ts = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond);
        using var tsz = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond, "UTC");
        using var amount = new Decimal128ArrayBuilder(10, 2);
        using var nothing = new NullArrayBuilder();
        using var noDoc = new NullArrayBuilder();
        for (var i = from; i < from + count; i++)
        {
            n.Append(i);
            i8.Append(i % 11 == 0 ? null : (sbyte)((i % 200) - 100));
            i16.Append((short)((i * 7 % 60_000) - 30_000));
            u32.Append(unchecked((uint)i * 2_654_435_761u));
            f32.Append(i / 3f);
            f64.Append(i % 13 == 0 ? null : i * 1e-3);
            flag.Append(i % 17 == 0 ? null : i % 3 == 0);
            name.Append(i % 5 == 0 ? string.Empty : $"name-{i}-\u00fc");
            doc.Append(i % 19 == 0 ? null : i % 7 == 0 ? "not json" : $"{{\"i\":{i}}}");
            raw.Append(BitConverter.GetBytes(i));
            day.Append(new DateOnly(2020, 1, 1).AddDays(i % 3_000));
            ts.Append(i * 1_000_003L);
            tsz.Append((i * 1_000_003L) - 5_000_000_000L);
            amount.Append(i % 23 == 0 ? null : ((i % 100_000) / 100m) - 500m);
            nothing.AppendNull();
            noDoc.AppendNull();
        }

        var arrays = new ArrowArray[] { n.Build(), i8.Build(), i16.Build(), u32.Build(), f32.Build(), f64.Build(), flag.Build(), name.Build(), doc.Build(), raw.Build(), day.Build(), ts.Build(), tsz.Build(), amount.Build(), nothing.Build(), noDoc.Build() };
        var names = new[] { "n", "i8", "i16", "u32", "f32", "f64", "flag", "name", "doc", "raw", "day", "ts", "tsz", "amount", "nothing", "no_doc" };
        var fields = new Field[arrays.Length];
        for (var c = 0; c < arrays.Length; c++)
        {
            fields[c] = new Field(names[c], arrays[c].Type);
        }

        return new RecordBatch(new Schema(fields), arrays, count);
    }
}
