using System.Text.Json.Nodes;
using HighPerf.Data.Arrow;
using HighPerf.Data.Tests.Arrow;

namespace HighPerf.Data.Tests.DuckDb;

/// <summary>DuckDB's results as Arrow, checked against the apache-arrow npm package and brought back into DuckDB.</summary>
public sealed class ArrowRoundTripTests
{
    /// <summary>Every DuckDB type that maps to a supported Arrow type, with NULLs in each column and edge values.</summary>
    internal const string AllTypesSql = """
        SELECT i AS id,
               CASE WHEN i % 7 = 1 THEN NULL ELSE i % 2 = 0 END AS b,
               CASE WHEN i % 7 = 2 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS i8,
               CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 65536 - 32768)::SMALLINT END AS i16,
               CASE WHEN i % 7 = 4 THEN NULL ELSE ((hash(i) % 4294967296)::BIGINT - 2147483648)::INTEGER END AS i32,
               CASE WHEN i % 7 = 5 THEN NULL WHEN i = 0 THEN -9223372036854775808 ELSE (hash(i) % 9223372036854775807)::BIGINT * (1 - 2 * (i % 2)) END AS i64,
               CASE WHEN i % 7 = 6 THEN NULL ELSE (i % 256)::UTINYINT END AS u8,
               CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 65536)::USMALLINT END AS u16,
               CASE WHEN i % 5 = 1 THEN NULL ELSE (hash(i) % 4294967296)::UINTEGER END AS u32,
               CASE WHEN i % 5 = 2 THEN NULL ELSE hash(i) END AS u64,
               CASE WHEN i % 5 = 3 THEN NULL WHEN i = 10 THEN 'nan'::FLOAT WHEN i = 11 THEN '-inf'::FLOAT ELSE (i / 7.0)::FLOAT END AS f32,
               CASE WHEN i % 5 = 4 THEN NULL WHEN i = 12 THEN 'inf'::DOUBLE WHEN i = 13 THEN -0.0::DOUBLE ELSE i * 1.0e-3 - 1.5e2 END AS f64,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'text ' || i || repeat('é🎉', (i % 9)::INTEGER) END AS s,
               CASE WHEN i % 6 = 1 THEN NULL ELSE ('blob' || i)::BLOB END AS bl,
               CASE WHEN i % 6 = 2 THEN NULL ELSE DATE '1970-01-01' + (i * 37 - 50000)::INTEGER END AS d,
               CASE WHEN i % 6 = 3 THEN NULL ELSE TIMESTAMP '1900-01-01' + to_microseconds(i * 12345678901) END AS ts,
               CASE WHEN i % 6 = 4 THEN NULL ELSE TIMESTAMPTZ '1969-12-31 23:59:59+00' + to_microseconds(i * 987654321) END AS tstz,
               CASE WHEN i % 6 = 5 THEN NULL ELSE (((i * 7) % 19999) - 9999)::DECIMAL(5,0) * 0.1 END::DECIMAL(4,1) AS d4,
               CASE WHEN i % 8 = 1 THEN NULL ELSE (((hash(i) % 1000000000000000000)::DECIMAL(18,0) - 500000000000000000) * 0.01)::DECIMAL(18,2) END AS d18,
               CASE WHEN i % 8 = 2 THEN NULL ELSE (CASE WHEN i % 2 = 0 THEN '-' ELSE '' END || hash(i) || '.' || lpad((hash(i + 1) % 10000000000)::VARCHAR, 10, '0'))::DECIMAL(38,10) END AS d38,
               CASE WHEN i % 8 = 3 THEN NULL ELSE '{"n":' || i || '}' END::JSON AS js
        FROM range(5000) t(i)
        """;

    [Fact]
    public void Every_type_goes_from_DuckDB_to_Arrow_to_IPC_to_apache_arrow_and_back()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE original AS " + AllTypesSql);

        // DuckDB -> Arrow (C Data Interface) -> IPC stream.
        var batches = new List<RecordBatch>();
        Schema schema;
        using (var result = connection.Query("SELECT * FROM original ORDER BY id"))
        {
            schema = result.ArrowSchema;
            while (result.ReadArrowBatch() is { } batch)
            {
                batches.Add(batch);
            }
        }

        Assert.Equal(
            "id: int64, b: bool, i8: int8, i16: int16, i32: int32, i64: int64, u8: uint8, u16: uint16, u32: uint32, u64: uint64, f32: float, f64: double, " +
            "s: string, bl: binary, d: date32[day], ts: timestamp[us], tstz: timestamp[us, tz=UTC], d4: decimal128(4, 1), d18: decimal128(18, 2), " +
            "d38: decimal128(38, 10), js: string",
            schema.ToString());
        Assert.True(batches.Count >= 3);
        Assert.Equal(5000, batches.Sum(b => b.Length));
        var ipc = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ipc, schema))
        {
            foreach (var batch in batches)
            {
                writer.Write(batch);
            }

            writer.Complete();
        }

        // The apache-arrow reader sees exactly the values we wrote.
        var expected = CanonicalJson.From(schema, batches);
        var json = ArrowJsPeer.Read(ipc.ToArray());
        CanonicalJson.AssertEqual(expected, JsonNode.Parse(json)!);

        // And back: apache-arrow writes the stream, we read it and append it to DuckDB, which finds the same rows.
        var back = ArrowJsPeer.Write(json, zstd: false);
        connection.Execute("CREATE TABLE returned AS SELECT * FROM original LIMIT 0");
        using (var reader = new ArrowStreamReader(new MemoryStream(back)))
        using (var appender = connection.CreateAppender("returned"))
        {
            while (reader.ReadNextBatch() is { } batch)
            {
                using (batch)
                {
                    appender.Append(batch);
                }
            }

            Assert.Equal(5000, appender.Complete());
        }

        AssertSameRows(connection, "original", "returned");
        foreach (var batch in batches)
        {
            batch.Dispose();
        }
    }

    [Fact]
    public void Arrow_batches_carry_the_same_values_as_the_vectors()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE original AS " + AllTypesSql);
        using var vectors = connection.Query("SELECT id, i64, s, d18, tstz FROM original ORDER BY id");
        using var other = db.OpenConnection();
        using var arrow = other.Query("SELECT id, i64, s, d18, tstz FROM original ORDER BY id");
        var rows = 0;
        RecordBatch? batch = null;
        var inBatch = 0;
        while (vectors.ReadChunk())
        {
            var chunk = vectors.Chunk;
            for (var r = 0; r < chunk.RowCount; r++, rows++, inBatch++)
            {
                if (batch is null || inBatch == batch.Length)
                {
                    batch?.Dispose();
                    batch = arrow.ReadArrowBatch();
                    inBatch = 0;
                    Assert.NotNull(batch);
                }

                Assert.Equal(chunk.GetColumn(0).GetValues<long>()[r], batch!.Column<Int64Array>(0).GetValue(inBatch));
                Assert.Equal(chunk.GetColumn(1).Get<long?>(r), batch.Column<Int64Array>(1).GetNullableValue(inBatch));
                Assert.Equal(chunk.GetColumn(2).GetString(r), batch.Column<StringArray>(2).GetValue(inBatch));
                Assert.Equal(chunk.GetColumn(3).Get<decimal?>(r), batch.Column<Decimal128Array>(3).GetNullableDecimal(inBatch));
                Assert.Equal(chunk.GetColumn(4).IsNull(r) ? null : chunk.GetColumn(4).GetValues<long>()[r], batch.Column<TimestampArray>(4).GetNullableValue(inBatch));
            }
        }

        batch?.Dispose();
        Assert.Null(arrow.ReadArrowBatch());
        Assert.Equal(5000, rows);
    }

    [Fact]
    public void A_type_Arrow_cannot_hold_is_reported_not_crashed_on()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var result = connection.Query("SELECT [1, 2] AS list, INTERVAL 1 DAY AS iv");
        Assert.ThrowsAny<System.Data.Common.DbException>(() => result.ArrowSchema);
        Assert.True(result.ReadChunk());
    }

    internal static void AssertSameRows(DuckDbConnection connection, string left, string right)
    {
        Assert.Equal(connection.ExecuteScalar<long>($"SELECT count(*) FROM {left}"), connection.ExecuteScalar<long>($"SELECT count(*) FROM {right}"));
        Assert.Equal(0L, connection.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT * FROM {left} EXCEPT ALL SELECT * FROM {right})"));
        Assert.Equal(0L, connection.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT * FROM {right} EXCEPT ALL SELECT * FROM {left})"));
    }
}
