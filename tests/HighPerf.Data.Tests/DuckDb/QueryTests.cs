namespace HighPerf.Data.Tests.DuckDb;

public sealed class QueryTests
{
    [Fact]
    public void Results_stream_chunk_by_chunk_with_values_read_as_spans()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        const int rows = 100_000;
        using var result = connection.Query($"""
            SELECT i AS id,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE i * 2 END AS doubled,
                   'row-' || i AS label,
                   CAST(i % 100000 AS DECIMAL(12,2)) AS amount,
                   TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i) AS created_at
            FROM range({rows}) t(i) ORDER BY i
            """);

        Assert.Equal(5, result.ColumnCount);
        Assert.Equal("label", result.GetName(2));
        Assert.Equal(DuckDbType.BigInt, result.GetColumnType(0));
        Assert.Equal(DuckDbType.Varchar, result.GetColumnType(2));
        Assert.Equal(DuckDbType.Decimal, result.GetColumnType(3));
        Assert.Equal(DuckDbType.TimestampTz, result.GetColumnType(4));

        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long next = 0;
        var chunks = 0;
        while (result.ReadChunk())
        {
            chunks++;
            var chunk = result.Chunk;
            Assert.InRange(chunk.RowCount, 1, 2048);
            var ids = chunk.GetColumn(0).GetValues<long>();
            var doubled = chunk.GetColumn(1);
            var labels = chunk.GetColumn(2);
            var amounts = chunk.GetColumn(3);
            var created = chunk.GetColumn(4).GetValues<long>();
            Assert.Equal(2, amounts.DecimalScale);
            for (var r = 0; r < chunk.RowCount; r++, next++)
            {
                Assert.Equal(next, ids[r]);
                Assert.Equal(next % 7 == 0, doubled.IsNull(r));
                if (next % 7 != 0)
                {
                    Assert.Equal(next * 2, doubled.GetValues<long>()[r]);
                }

                Assert.True(labels.GetBytes(r).SequenceEqual(System.Text.Encoding.UTF8.GetBytes($"row-{next}")));
                Assert.Equal(next % 100000, amounts.Get<decimal>(r));
                Assert.Equal((next % 100000) * 100, amounts.GetValues<long>()[r]);
                Assert.Equal((start.ToUnixTimeMilliseconds() * 1000) + next, created[r]);
            }
        }

        Assert.Equal(rows, next);
        Assert.True(chunks >= rows / 2048);
        Assert.False(result.ReadChunk());
    }

    [Fact]
    public void A_span_of_the_wrong_width_is_refused()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT 1::INTEGER AS i, 'x' AS s");
        Assert.True(result.ReadChunk());
        Assert.Equal(1, result.Chunk.GetColumn(0).GetValues<int>()[0]);
        Assert.Throws<InvalidCastException>(() => result.Chunk.GetColumn(0).GetValues<long>());
        Assert.Throws<InvalidCastException>(() => result.Chunk.GetColumn(1).GetValues<long>());
        Assert.Equal("x", result.Chunk.GetColumn(1).GetString(0));
    }

    [Fact]
    public void Scalar_reads_convert_exactly_or_throw()
    {
        using var db = TestDb.Open();
        Assert.Equal(42, db.ExecuteScalar<int>("SELECT 42::BIGINT"));
        Assert.Equal((byte)200, db.ExecuteScalar<byte>("SELECT 200::INTEGER"));
        Assert.Throws<OverflowException>(() => db.ExecuteScalar<byte>("SELECT 300::INTEGER"));
        Assert.Equal(1.5, db.ExecuteScalar<double>("SELECT 1.5::DECIMAL(4,1)"));
        Assert.Equal(12345678901234.56m, db.ExecuteScalar<decimal>("SELECT 12345678901234.56::DECIMAL(18,2)"));
        Assert.Equal(-1.5m, db.ExecuteScalar<decimal>("SELECT -1.5::DECIMAL(38,10)"));
        Assert.Equal(Int128.Parse("170141183460469231731687303715884105727"), db.ExecuteScalar<Int128>("SELECT 170141183460469231731687303715884105727::HUGEINT"));
        Assert.Equal(ulong.MaxValue, db.ExecuteScalar<ulong>("SELECT 18446744073709551615::UBIGINT"));
        Assert.Equal("héllo wörld, ünïcode ✓", db.ExecuteScalar<string>("SELECT 'héllo wörld, ünïcode ✓'"));
        Assert.Equal(new byte[] { 0, 1, 255 }, db.ExecuteScalar<byte[]>("SELECT '\\x00\\x01\\xFF'::BLOB"));
        Assert.True(db.ExecuteScalar<bool>("SELECT true"));
        Assert.Equal(new DateOnly(2024, 2, 29), db.ExecuteScalar<DateOnly>("SELECT DATE '2024-02-29'"));
        Assert.Equal(new DateOnly(1900, 1, 1), db.ExecuteScalar<DateOnly>("SELECT DATE '1900-01-01'"));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified).AddTicks(1234560), db.ExecuteScalar<DateTime>("SELECT TIMESTAMP '2024-05-06 07:08:09.123456'"));
        var utc = db.ExecuteScalar<DateTime>("SELECT TIMESTAMPTZ '2024-05-06 07:08:09+00'");
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), db.ExecuteScalar<DateTimeOffset>("SELECT TIMESTAMPTZ '2024-05-06 09:08:09+02'"));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), db.ExecuteScalar<DateTime>("SELECT TIMESTAMP_NS '2024-05-06 07:08:09.000000999'"));
        Assert.Equal(new TimeOnly(13, 14, 15, 500), db.ExecuteScalar<TimeOnly>("SELECT TIME '13:14:15.5'"));
        Assert.Equal(TimeSpan.FromDays(3) + TimeSpan.FromHours(4), db.ExecuteScalar<TimeSpan>("SELECT INTERVAL 3 DAY + INTERVAL 4 HOUR"));
        Assert.Throws<InvalidCastException>(() => db.ExecuteScalar<TimeSpan>("SELECT INTERVAL 1 MONTH"));
        Assert.Equal(Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), db.ExecuteScalar<Guid>("SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID"));
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-000000000001"), db.ExecuteScalar<Guid>("SELECT '00000000-0000-0000-0000-000000000001'::UUID"));
        Assert.Throws<OverflowException>(() => db.ExecuteScalar<DateTime>("SELECT 'infinity'::TIMESTAMP"));
        Assert.Throws<InvalidCastException>(() => db.ExecuteScalar<long>("SELECT 'text'"));
        Assert.Throws<InvalidCastException>(() => db.ExecuteScalar<string>("SELECT 1"));
    }

    [Fact]
    public void Null_and_no_rows_read_as_null_for_nullable_types_and_throw_for_others()
    {
        using var db = TestDb.Open();
        Assert.Null(db.ExecuteScalar<long?>("SELECT NULL::BIGINT"));
        Assert.Null(db.ExecuteScalar<string>("SELECT NULL::VARCHAR"));
        Assert.Null(db.ExecuteScalar<long?>("SELECT 1 WHERE false"));
        Assert.Equal(5L, db.ExecuteScalar<long?>("SELECT 5"));
        Assert.Throws<InvalidCastException>(() => db.ExecuteScalar<long>("SELECT NULL::BIGINT"));
        Assert.Throws<InvalidCastException>(() => db.ExecuteScalar<long>("SELECT 1 WHERE false"));
    }

    [Fact]
    public void Execute_runs_scripts_and_returns_rows_changed()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE a (x INT); CREATE TABLE b (y INT); INSERT INTO a VALUES (1), (2);");
        Assert.Equal(2, connection.Execute("INSERT INTO b SELECT x FROM a"));
        Assert.Equal(2, connection.Execute("UPDATE b SET y = y + 1"));
        Assert.Equal(1, connection.Execute("DELETE FROM b WHERE y = 3"));
        Assert.Equal(2L, connection.ExecuteScalar<long>("SELECT sum(y) FROM b"));
    }

    [Theory]
    [InlineData("SELEC 1", DuckDbErrorKind.Syntax, "syntax error")]
    [InlineData("SELECT * FROM missing_table", DuckDbErrorKind.Binding, "missing_table")]
    [InlineData("SELECT no_such_column FROM range(1)", DuckDbErrorKind.Binding, "no_such_column")]
    [InlineData("SELECT 'abc'::INTEGER", DuckDbErrorKind.Conversion, "abc")]
    [InlineData("SELECT error('custom failure')", DuckDbErrorKind.InvalidInput, "custom failure")]
    public void Every_error_is_a_DuckDbException_with_DuckDBs_message(string sql, DuckDbErrorKind kind, string fragment)
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        foreach (var run in new Action[]
        {
            () => connection.Execute(sql),
            () => connection.ExecuteScalar<long?>(sql),
            () => connection.Query(sql).Dispose(),
            () => connection.Prepare(sql).Execute(),
        })
        {
            var ex = Assert.Throws<DuckDbException>(run);
            Assert.True(kind == ex.Kind, $"{ex.Kind} for: {ex.Message}");
            Assert.Contains(fragment, ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.IsAssignableFrom<System.Data.Common.DbException>(ex);
            Assert.False(ex.IsTransient);
        }

        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT 1"));
    }

    [Fact]
    public void An_error_while_streaming_surfaces_as_a_DuckDbException()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        var ex = Assert.Throws<DuckDbException>(() =>
        {
            // DuckDB may hit the failing row while starting the query or while a later chunk is fetched.
            using var result = connection.Query("SELECT CASE WHEN i < 1000000 THEN i ELSE error('late failure') END FROM range(2000000) t(i)");
            while (result.ReadChunk())
            {
            }
        });
        Assert.Contains("late failure", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT 1"));
    }

    [Fact]
    public void Constraint_violations_have_their_kind()
    {
        using var db = TestDb.Open();
        db.Execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR NOT NULL)");
        db.Execute("INSERT INTO t VALUES (1, 'a')");
        Assert.Equal(DuckDbErrorKind.Constraint, Assert.Throws<DuckDbException>(() => db.Execute("INSERT INTO t VALUES (1, 'b')")).Kind);
        Assert.Equal(DuckDbErrorKind.Constraint, Assert.Throws<DuckDbException>(() => db.Execute("INSERT INTO t VALUES (2, NULL)")).Kind);
    }

    [Fact]
    public void A_connection_serves_one_operation_at_a_time()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using (var result = connection.Query("SELECT * FROM range(10)"))
        {
            Assert.Throws<InvalidOperationException>(() => connection.Execute("SELECT 1"));
            Assert.Throws<InvalidOperationException>(() => connection.Query("SELECT 1"));
        }

        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT 1"));
    }

    [Fact]
    public void Anything_used_after_the_database_is_disposed_throws_ObjectDisposedException()
    {
        var db = TestDb.Open();
        var connection = db.OpenConnection();
        var statement = connection.Prepare("SELECT 1");
        db.Execute("CREATE TABLE t (x INT)");
        db.Dispose();

        Assert.Throws<ObjectDisposedException>(() => db.Execute("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => db.ExecuteScalar<long>("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => db.OpenConnection());
        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.Query("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.CreateAppender("t"));
        Assert.Throws<ObjectDisposedException>(() => statement.Execute());
        statement.Dispose();
        connection.Dispose();
        db.Dispose();
    }

    [Fact]
    public void A_disposed_connection_or_result_throws_ObjectDisposedException()
    {
        using var db = TestDb.Open();
        var connection = db.OpenConnection();
        var result = connection.Query("SELECT 1");
        result.Dispose();
        Assert.Throws<ObjectDisposedException>(() => result.ReadChunk());
        connection.Dispose();
        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
    }

    [Fact]
    public void Row_helpers_map_small_results()
    {
        using var db = TestDb.Open();
        var rows = db.OpenConnection().QueryRows(
            "SELECT i, 'n' || i AS name, CASE WHEN i % 2 = 0 THEN NULL ELSE i / 2 END AS half FROM range(5000) t(i) ORDER BY i",
            row => (Id: row.Get<long>(0), Name: row.Get<string>(1), Half: row.Get<double?>(2), Column: row.GetName(1)));
        Assert.Equal(5000, rows.Count);
        Assert.Equal((4999L, "n4999", 2499.5, "name"), rows[^1]);
        Assert.Null(rows[4998].Half);
    }
}
