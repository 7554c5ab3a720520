using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class ArrowAppenderTests
{
    [Fact]
    public void Event_batches_append_and_read_back_equal()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute(EventRows.CreateTable);
        const int rows = 300_000;
        using (var appender = connection.CreateAppender("events"))
        {
            for (var start = 0; start < rows; start += 65_536)
            {
                using var batch = EventBatches.Build(start, Math.Min(65_536, rows - start));
                appender.Append(batch);
            }

            Assert.Equal(rows, appender.Complete());
        }

        connection.Execute($"CREATE TABLE expected AS {EventRows.GenerateSql(rows)}");
        ArrowRoundTripTests.AssertSameRows(connection, "events", "expected");
    }

    [Theory]
    [InlineData(3000, 7)] // copied into the appender's chunks
    [InlineData(250_000, 40_000)] // handed to DuckDB's own insert (ArrowAppenderScanTests), the first in three windows
    public void Rows_and_batches_mix_in_order(int first, int second)
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute(EventRows.CreateTable);
        var total = 15 + first + second;
        using (var appender = connection.CreateAppender("events"))
        {
            AppendTyped(appender, 0, 5);
            using (var batch = EventBatches.Build(5, first))
            {
                appender.Append(batch);
            }

            AppendTyped(appender, 5 + first, 10);
            using (var batch = EventBatches.Build(15 + first, second))
            {
                appender.Append(batch);
            }

            Assert.Equal(total, appender.Complete());
        }

        connection.Execute($"CREATE TABLE expected AS {EventRows.GenerateSql(total)}");
        ArrowRoundTripTests.AssertSameRows(connection, "events", "expected");
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE id <> rowid"));
    }

    [Fact]
    public void Wider_integers_and_other_timestamp_units_convert_and_mismatches_fail()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (a BIGINT, b HUGEINT, ts TIMESTAMP, tsz TIMESTAMPTZ)");
        using var a = Build<Int16ArrayBuilder>(ArrowType.Int16, b => { b.Append(-5); b.AppendNull(); });
        using var b = Build<UInt32ArrayBuilder>(ArrowType.UInt32, b => { b.Append(uint.MaxValue); b.Append(1); });
        using var ts = Build<TimestampArrayBuilder>(ArrowType.Timestamp(ArrowTimeUnit.Millisecond), b => { b.Append(1_000L); b.Append(-1L); });
        using var tsz = Build<TimestampArrayBuilder>(ArrowType.Timestamp(ArrowTimeUnit.Nanosecond, "Europe/Paris"), b => { b.Append(1_999L); b.Append(-1L); });
        var schema = new Schema([new Field("a", a.Type), new Field("b", b.Type), new Field("ts", ts.Type), new Field("tsz", tsz.Type)]);
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(new RecordBatch(schema, [a, b, ts, tsz], 2));
            appender.Complete();
        }

        var rows = connection.QueryRows("SELECT a, b, epoch_us(ts), epoch_us(tsz) FROM t", r => (r.Get<long?>(0), r.Get<Int128>(1), r.Get<long>(2), r.Get<long>(3)));
        Assert.Equal([(-5L, (Int128)uint.MaxValue, 1_000_000L, 1L), (null, (Int128)1, -1_000L, -1L)], rows);

        using var strings = Build<StringArrayBuilder>(ArrowType.Utf8, b => { b.Append("x"); b.Append("y"); });
        using var appender2 = connection.CreateAppender("t");
        var wrong = new Schema([new Field("a", ArrowType.Utf8), new Field("b", b.Type), new Field("ts", ts.Type), new Field("tsz", tsz.Type)]);
        var ex = Assert.Throws<InvalidCastException>(() => appender2.Append(new RecordBatch(wrong, [strings, b, ts, tsz], 2)));
        Assert.Contains("string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decimal_too_wide_for_the_column_fails_the_whole_append()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (d DECIMAL(4,2))");
        using var ok = Build<Decimal128ArrayBuilder>(ArrowType.Decimal128(10, 2), b => { b.Append(12.34m); b.AppendNull(); });
        using var tooWide = Build<Decimal128ArrayBuilder>(ArrowType.Decimal128(10, 2), b => b.Append(123.45m));
        var schema = new Schema([new Field("d", ArrowType.Decimal128(10, 2))]);
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(new RecordBatch(schema, [ok], 2));
            Assert.Throws<OverflowException>(() => appender.Append(new RecordBatch(schema, [tooWide], 1)));
        }

        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    private static void AppendTyped(DuckDbAppender appender, long from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            appender.Append(i).Append(EventRows.UserId(i)).Append(EventRows.EventType(i));
            if (EventRows.Amount(i) is { } amount)
            {
                appender.Append(amount);
            }
            else
            {
                appender.AppendNull();
            }

            appender.Append(EventRows.Properties(i)).Append(EventRows.CreatedAt(i)).EndRow();
        }
    }

    private static ArrowArray Build<TBuilder>(ArrowType type, Action<TBuilder> fill)
        where TBuilder : ArrowArrayBuilder
    {
        using var builder = (TBuilder)ArrowArrayBuilder.Create(type);
        fill(builder);
        return builder.BuildArray();
    }
}

/// <summary>The events table's rows as Arrow batches (the same values as <see cref="EventRows"/>).</summary>
internal static class EventBatches
{
    public static Schema Schema { get; } = new(
    [
        new Field("id", ArrowType.Int64, nullable: false),
        new Field("user_id", ArrowType.Int64, nullable: false),
        new Field("event_type", ArrowType.Utf8, nullable: false),
        new Field("amount", ArrowType.Decimal128(12, 2)),
        new Field("properties", ArrowType.Utf8),
        new Field("created_at", ArrowType.TimestampMicrosecondUtc, nullable: false),
    ]);

    public static RecordBatch Build(long from, int count)
    {
        using var ids = new Int64ArrayBuilder();
        using var users = new Int64ArrayBuilder();
        using var types = new StringArrayBuilder();
        using var amounts = new Decimal128ArrayBuilder(12, 2);
        using var properties = new StringArrayBuilder();
        using var created = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond, "UTC");
        for (var i = from; i < from + count; i++)
        {
            ids.Append(i);
            users.Append(EventRows.UserId(i));
            types.Append(EventRows.EventType(i));
            amounts.Append(EventRows.Amount(i));
            properties.Append(EventRows.Properties(i));
            created.Append(EventRows.CreatedAtMicros(i));
        }

        return new RecordBatch(Schema, [ids.Build(), users.Build(), types.Build(), amounts.Build(), properties.Build(), created.Build()], count);
    }
}

public sealed class InsertArrowTests
{
    [Fact]
    public void Batches_insert_through_a_parallel_scan_all_or_nothing()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute(EventRows.CreateTable);
        var batches = new List<RecordBatch> { EventBatches.Build(0, 100_000), EventBatches.Build(100_000, 5), EventBatches.Build(100_005, 70_000) };
        Assert.Equal(170_005, connection.InsertArrow("events", EventBatches.Schema, batches));
        connection.Execute($"CREATE TABLE expected AS {EventRows.GenerateSql(170_005)}");
        ArrowRoundTripTests.AssertSameRows(connection, "events", "expected");

        // The batches stay the caller's and usable; a failing insert leaves the table as it was.
        Assert.Equal(100_000, batches[0].Length);
        connection.Execute("ALTER TABLE events ADD PRIMARY KEY (id)");
        Assert.Throws<DuckDbException>(() => connection.InsertArrow("events", EventBatches.Schema, batches));
        Assert.Equal(170_005L, connection.ExecuteScalar<long>("SELECT count(*) FROM events"));
        Assert.Throws<DuckDbException>(() => connection.Execute("SELECT count(*) FROM highperf_arrow_scan('nothing')"));
        foreach (var batch in batches)
        {
            batch.Dispose();
        }
    }

    [Fact]
    public void Inside_an_open_transaction_the_insert_belongs_to_it_and_no_view_is_left()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute(EventRows.CreateTable);
        using var batch = EventBatches.Build(0, 1_000);
        const string count = "SELECT count(*) FROM events";

        connection.Execute("BEGIN TRANSACTION");
        Assert.Equal(1_000, connection.InsertArrow("events", EventBatches.Schema, [batch]));
        Assert.Equal(1_000L, connection.ExecuteScalar<long>(count));
        connection.Execute("ROLLBACK");
        Assert.Equal(0L, connection.ExecuteScalar<long>(count));

        connection.Execute("BEGIN TRANSACTION");
        connection.InsertArrow("events", EventBatches.Schema, [batch]);
        connection.Execute("COMMIT");
        Assert.Equal(1_000, connection.InsertArrow("events", EventBatches.Schema, [batch]));
        Assert.Equal(2_000L, connection.ExecuteScalar<long>(count));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'highperf_insert_%'"));
    }
}
