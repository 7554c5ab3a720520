namespace HighPerf.Data.Tests.DuckDb;

public sealed class AppenderTests
{
    [Fact]
    public void A_million_appended_rows_read_back_equal()
    {
        const int rows = 1_000_000;
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute(EventRows.CreateTable);

        using (var appender = connection.CreateAppender("events"))
        {
            Assert.Equal(6, appender.ColumnCount);
            for (long i = 0; i < rows; i++)
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

            Assert.Equal(rows, appender.Complete());
        }

        Assert.Equal(rows, connection.ExecuteScalar<long>("SELECT count(*) FROM events"));

        // DuckDB's own view: the same rows generated in SQL equal the appended ones, in both directions.
        connection.Execute($"CREATE TABLE expected AS {EventRows.GenerateSql(rows)}");
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM (SELECT * FROM events EXCEPT ALL SELECT * FROM expected)"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM events)"));

        // And ours: every value read back from the vectors is the one generated for its row.
        using var result = connection.Query("SELECT id, user_id, event_type, amount, properties, created_at FROM events ORDER BY id");
        long next = 0;
        string? mismatch = null;
        while (result.ReadChunk() && mismatch is null)
        {
            var chunk = result.Chunk;
            var ids = chunk.GetColumn(0).GetValues<long>();
            var users = chunk.GetColumn(1).GetValues<long>();
            var types = chunk.GetColumn(2);
            var amounts = chunk.GetColumn(3);
            var unscaled = amounts.GetValues<long>();
            var properties = chunk.GetColumn(4);
            var created = chunk.GetColumn(5).GetValues<long>();
            for (var r = 0; r < chunk.RowCount && mismatch is null; r++, next++)
            {
                var amount = EventRows.Amount(next);
                var json = EventRows.Properties(next);
                var same = ids[r] == next
                    && users[r] == EventRows.UserId(next)
                    && types.GetString(r) == EventRows.EventType(next)
                    && amounts.IsNull(r) == amount is null
                    && (amount is null || unscaled[r] == (long)(amount.Value * 100))
                    && properties.GetString(r) == json
                    && created[r] == EventRows.CreatedAtMicros(next);
                if (!same)
                {
                    mismatch = $"row {next}: {ids[r]}, {users[r]}, {types.GetString(r)}, {amounts.Get<decimal?>(r)}, {properties.GetString(r)}, {created[r]}";
                }
            }
        }

        Assert.Null(mismatch);
        Assert.Equal(rows, next);
    }

    [Fact]
    public void Every_column_type_takes_its_values()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("""
            CREATE TABLE t (b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT, i128 HUGEINT,
                u8 UTINYINT, u16 USMALLINT, u32 UINTEGER, u64 UBIGINT, f FLOAT, d DOUBLE,
                d4 DECIMAL(4,1), d9 DECIMAL(9,3), d18 DECIMAL(18,6), d38 DECIMAL(38,10),
                s VARCHAR, bl BLOB, dt DATE, tm TIME, ts TIMESTAMP, tsz TIMESTAMPTZ, ts_ms TIMESTAMP_MS, ts_ns TIMESTAMP_NS,
                iv INTERVAL, id UUID)
            """);
        var stamp = new DateTime(2020, 2, 29, 12, 30, 45, DateTimeKind.Utc).AddTicks(1234560);
        var uuid = Guid.Parse("8f14e45f-ceea-467f-a8f1-3e8e9a5d6b7c");
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(true).Append(-8).Append(-16).Append(-32).Append(long.MinValue).Append(long.MaxValue)
                .Append(8).Append(16).Append(32).Append(ulong.MaxValue).Append(1.5).Append(2.25)
                .Append(-123.4m).Append(123456.789m).Append(123456789012.345678m).Append(-1234567890123456789012345678.9m)
                .Append("ünïcödé text beyond twelve bytes").AppendBlob(new byte[] { 1, 0, 2 }).Append(new DateOnly(1999, 12, 31))
                .Append(new TimeOnly(1, 2, 3)).Append(stamp).Append(new DateTimeOffset(stamp)).Append(stamp).Append(stamp)
                .Append(TimeSpan.FromHours(30)).Append(uuid).EndRow();
            for (var c = 0; c < appender.ColumnCount; c++)
            {
                appender.AppendNull();
            }

            appender.EndRow();
            Assert.Equal(2, appender.Complete());
        }

        var row = connection.QueryRows("SELECT * FROM t ORDER BY b NULLS LAST", r =>
        {
            var values = new object?[r.ColumnCount];
            for (var c = 0; c < r.ColumnCount; c++)
            {
                values[c] = r.IsNull(c) ? null : c switch
                {
                    0 => r.Get<bool>(c),
                    >= 1 and <= 9 => (object)r.Get<Int128>(c).ToString(),
                    10 or 11 => r.Get<double>(c),
                    >= 12 and <= 15 => r.Get<decimal>(c),
                    16 => r.Get<string>(c),
                    17 => Convert.ToHexString(r.Get<byte[]>(c)!),
                    18 => r.Get<DateOnly>(c),
                    19 => r.Get<TimeOnly>(c),
                    20 or 22 or 23 => r.Get<DateTime>(c),
                    21 => r.Get<DateTimeOffset>(c),
                    24 => r.Get<TimeSpan>(c),
                    _ => r.Get<Guid>(c),
                };
            }

            return values;
        });

        Assert.Equal(
            new object?[]
            {
                true, "-8", "-16", "-32", long.MinValue.ToString(), long.MaxValue.ToString(), "8", "16", "32", ulong.MaxValue.ToString(),
                1.5, 2.25, -123.4m, 123456.789m, 123456789012.345678m, -1234567890123456789012345678.9m,
                "ünïcödé text beyond twelve bytes", "010002", new DateOnly(1999, 12, 31), new TimeOnly(1, 2, 3),
                DateTime.SpecifyKind(stamp, DateTimeKind.Unspecified), new DateTimeOffset(stamp),
                DateTime.SpecifyKind(stamp.AddTicks(-4560), DateTimeKind.Unspecified), DateTime.SpecifyKind(stamp, DateTimeKind.Unspecified),
                TimeSpan.FromHours(30), uuid,
            },
            row[0]);
        Assert.All(row[1], Assert.Null);
    }

    [Fact]
    public void Disposing_without_completing_inserts_nothing()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (id BIGINT)");
        using (var appender = connection.CreateAppender("t"))
        {
            for (var i = 0; i < 10_000; i++)
            {
                appender.Append(i).EndRow();
            }
        }

        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
        connection.Execute("INSERT INTO t VALUES (1)");
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_constraint_violation_anywhere_inserts_nothing()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
        connection.Execute("INSERT INTO t VALUES (99999)");
        var appender = connection.CreateAppender("t");
        for (var i = 0; i < 100_000; i++)
        {
            appender.Append(i).EndRow();
        }

        var ex = Assert.ThrowsAny<DuckDbException>(() => appender.Complete());
        Assert.Equal(DuckDbErrorKind.Constraint, ex.Kind);
        appender.Dispose();
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_wrong_value_fails_the_appender_and_nothing_is_inserted()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (id BIGINT, small TINYINT, price DECIMAL(4,2), name VARCHAR)");
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(1L).Append(1).Append(1.5m).Append("a").EndRow();
            Assert.Throws<InvalidCastException>(() => appender.Append("not a number"));
            Assert.Throws<InvalidOperationException>(() => appender.Append(2L));
        }

        using (var appender = connection.CreateAppender("t"))
        {
            Assert.Throws<OverflowException>(() => appender.Append(1L).Append(1000));
        }

        using (var appender = connection.CreateAppender("t"))
        {
            Assert.Throws<OverflowException>(() => appender.Append(1L).Append(1).Append(100m));
        }

        using (var appender = connection.CreateAppender("t"))
        {
            Assert.Throws<InvalidOperationException>(() => appender.Append(1L).EndRow());
        }

        using (var appender = connection.CreateAppender("t"))
        {
            Assert.Throws<InvalidOperationException>(() => appender.Append(1L).Append(1).Append(1m).Append("x").Append("too many"));
        }

        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
        Assert.Throws<DuckDbException>(() => connection.CreateAppender("missing"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Decimals_round_half_away_from_zero_to_the_columns_scale()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (i INT, d DECIMAL(12,2))");
        using (var appender = connection.CreateAppender("t"))
        {
            appender.Append(0).Append(1.005m).EndRow();
            appender.Append(1).Append(-1.005m).EndRow();
            appender.Append(2).Append(1.004m).EndRow();
            appender.Append(3).Append(12).EndRow();
            appender.Complete();
        }

        Assert.Equal([1.01m, -1.01m, 1.00m, 12m], connection.QueryRows("SELECT d FROM t ORDER BY i", r => r.Get<decimal>(0)));
    }

    [Fact]
    public void Nulls_in_one_chunk_do_not_leak_into_the_next()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (i INT, v VARCHAR)");
        using (var appender = connection.CreateAppender("t"))
        {
            for (var i = 0; i < 10_000; i++)
            {
                appender.Append(i);
                if (i < 2048)
                {
                    appender.AppendNull();
                }
                else
                {
                    appender.Append("v");
                }

                appender.EndRow();
            }

            appender.Complete();
        }

        Assert.Equal(2048L, connection.ExecuteScalar<long>("SELECT count(*) FROM t WHERE v IS NULL"));
        Assert.Equal(2047L, connection.ExecuteScalar<long>("SELECT max(i) FROM t WHERE v IS NULL"));
    }

    [Fact]
    public void Result_chunks_append_as_they_are()
    {
        using var db = TestDb.Open();
        using var source = db.OpenConnection();
        using var target = db.OpenConnection();
        target.Execute("CREATE TABLE copy (id BIGINT, name VARCHAR)");
        using (var appender = target.CreateAppender("copy"))
        {
            appender.Append(-1L).Append("first").EndRow();
            using var result = source.Query("SELECT range AS id, 'name ' || range AS name FROM range(50000)");
            while (result.ReadChunk())
            {
                appender.Append(result.Chunk);
            }

            Assert.Equal(50_001, appender.Complete());
        }

        Assert.Equal(50_001L, target.ExecuteScalar<long>("SELECT count(*) FROM copy"));
        Assert.Equal("name 49999", target.ExecuteScalar<string>("SELECT name FROM copy WHERE id = 49999"));
    }
}
