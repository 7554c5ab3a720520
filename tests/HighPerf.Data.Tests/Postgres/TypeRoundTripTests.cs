using HighPerf.Data.Arrow;
using Npgsql;

namespace HighPerf.Data.Tests.Postgres;

[Collection(PostgresFixture.CollectionName)]
public sealed class TypeRoundTripTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    private const string Columns = "i2, i4, i8, f4, f8, n, n2, n3, nu, b, t, vc, bc, by, d, ts, tstz, j::text, jb, u";

    private const string Ddl = """
        CREATE TABLE {0} (
            id int4 PRIMARY KEY,
            i2 int2, i4 int4, i8 int8, f4 float4, f8 float8,
            n numeric(38,9), n2 numeric(10,2), n3 numeric(30,10), nu numeric,
            b bool, t text, vc varchar(20), bc char(5), by bytea,
            d date, ts timestamp, tstz timestamptz, j json, jb jsonb, u uuid)
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Ddl, "src"));
        await ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Ddl, "dst"));
        await ExecuteAsync("""
            INSERT INTO src VALUES
            (1, -32768, -2147483648, -9223372036854775808, 'NaN', 'Infinity',
             12345678901234567890.123456789, -99999999.99, 0.0000000001, 'NaN',
             true, '', 'héllo wörld ✓', 'ab', '\x00ff0000', '1969-12-31', '1900-01-01 00:00:00.000001',
             '2024-03-10 12:34:56.789+05:30', '{"a": [1, 2]}', '{"b": 1, "a": "x"}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'),
            (2, 32767, 2147483647, 9223372036854775807, '-Infinity', 'NaN',
             -12345678901234567890.123456789, 0, -0.0000000001, -123456789012345678901234567890123456789012345.000000000000000000001,
             false, repeat('x', 1048576), '', '', '\x', '1999-12-31', '2000-01-01 00:00:00',
             'infinity', 'null', '[]', '00000000-0000-0000-0000-000000000000'),
            (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (4, 0, 0, 0, 1.5e-38, -0.0, 0, 0.01, 12345678901234567890.1234567891, 0.5,
             true, 'line1
            line2 "quoted" \ back', 'x', 'abcde', '\x00', '-infinity', 'infinity', '-infinity',
             '"s"', '{"nested": {"k": [true, null]}}', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
            (5, 1, 1, 1, 3.4028235e38, 1.7976931348623157e308, 1, 123456.78, 1, 10000,
             true, 'short', 'y', 'z', '\x01', '0001-01-01', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00',
             '{}', '{}', '12345678-1234-1234-1234-123456789abc')
            """);
    }

    [Fact]
    public async Task Every_mapped_type_reads_into_its_Arrow_type()
    {
        var batches = await ReadAllAsync($"SELECT id, {Columns} FROM src ORDER BY id");
        try
        {
            var batch = Assert.Single(batches);
            Assert.Equal(5, batch.Length);
            var types = new[]
            {
                ArrowType.Int32, ArrowType.Int16, ArrowType.Int32, ArrowType.Int64, ArrowType.Float32, ArrowType.Float64,
                ArrowType.Decimal128(38, 9), ArrowType.Decimal128(10, 2), ArrowType.Decimal128(30, 10), ArrowType.Utf8,
                ArrowType.Boolean, ArrowType.Utf8, ArrowType.Utf8, ArrowType.Utf8, ArrowType.Binary,
                ArrowType.Date32, ArrowType.TimestampMicrosecond, ArrowType.TimestampMicrosecondUtc, ArrowType.Utf8, ArrowType.Utf8, ArrowType.Utf8,
            };
            for (var i = 0; i < types.Length; i++)
            {
                Assert.Equal(types[i], batch.Schema.Fields[i].Type);
            }

            Assert.Equal(short.MinValue, batch.Column<Int16Array>(1).GetValue(0));
            Assert.Equal(int.MaxValue, batch.Column<Int32Array>(2).GetValue(1));
            Assert.Equal(long.MinValue, batch.Column<Int64Array>(3).GetValue(0));
            Assert.True(float.IsNaN(batch.Column<Float32Array>(4).GetValue(0)));
            Assert.Equal(float.NegativeInfinity, batch.Column<Float32Array>(4).GetValue(1));
            Assert.Equal(double.PositiveInfinity, batch.Column<Float64Array>(5).GetValue(0));
            Assert.True(double.IsNaN(batch.Column<Float64Array>(5).GetValue(1)));

            Assert.Equal(Int128.Parse("12345678901234567890123456789", System.Globalization.CultureInfo.InvariantCulture), batch.Column<Decimal128Array>(6).GetValue(0));
            Assert.Equal(Int128.Parse("-12345678901234567890123456789", System.Globalization.CultureInfo.InvariantCulture), batch.Column<Decimal128Array>(6).GetValue(1));
            Assert.Equal(-9999999999, batch.Column<Decimal128Array>(7).GetValue(0));
            Assert.Equal(1, batch.Column<Decimal128Array>(8).GetValue(0));
            Assert.Equal(-1, batch.Column<Decimal128Array>(8).GetValue(1));
            Assert.Equal("NaN", batch.Column<StringArray>(9).GetValue(0));
            Assert.Equal("-123456789012345678901234567890123456789012345.000000000000000000001", batch.Column<StringArray>(9).GetValue(1));
            Assert.Equal("0.5", batch.Column<StringArray>(9).GetValue(3));
            Assert.Equal("10000", batch.Column<StringArray>(9).GetValue(4));

            Assert.Equal(string.Empty, batch.Column<StringArray>(11).GetValue(0));
            Assert.Equal(1 << 20, batch.Column<StringArray>(11).GetBytes(1).Length);
            Assert.Equal("héllo wörld ✓", batch.Column<StringArray>(12).GetValue(0));
            Assert.Equal("ab   ", batch.Column<StringArray>(13).GetValue(0));
            Assert.Equal(new byte[] { 0, 0xff, 0, 0 }, batch.Column<BinaryArray>(14).GetValue(0).ToArray());
            Assert.Equal(0, batch.Column<BinaryArray>(14).GetValue(1).Length);
            Assert.False(batch.Column(14).IsNull(1));

            Assert.Equal(-1, batch.Column<Date32Array>(15).GetValue(0));
            Assert.Equal(10956, batch.Column<Date32Array>(15).GetValue(1));
            Assert.Equal(int.MinValue, batch.Column<Date32Array>(15).GetValue(3));
            Assert.Equal(new DateOnly(1, 1, 1).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, batch.Column<Date32Array>(15).GetValue(4));
            Assert.Equal(Micros(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)) + 1, batch.Column<TimestampArray>(16).GetValue(0));
            Assert.Equal(Micros(new DateTimeOffset(2024, 3, 10, 7, 4, 56, 789, TimeSpan.Zero)), batch.Column<TimestampArray>(17).GetValue(0));
            Assert.Equal(long.MaxValue, batch.Column<TimestampArray>(17).GetValue(1));
            Assert.Equal(0, batch.Column<TimestampArray>(17).GetValue(4));

            Assert.Equal("""{"a": [1, 2]}""", batch.Column<StringArray>(18).GetValue(0));
            Assert.Equal("""{"a": "x", "b": 1}""", batch.Column<StringArray>(19).GetValue(0));
            Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", batch.Column<StringArray>(20).GetValue(0));

            for (var i = 1; i < batch.ColumnCount; i++)
            {
                Assert.True(batch.Column(i).IsNull(2), $"column {i} of the all-null row");
            }
        }
        finally
        {
            DisposeAll(batches);
        }
    }

    [Fact]
    public async Task Postgres_to_Arrow_to_Postgres_keeps_every_value()
    {
        var batches = await ReadAllAsync("SELECT id, i2, i4, i8, f4, f8, n, n2, n3, nu, b, t, vc, bc, by, d, ts, tstz, j, jb, u FROM src ORDER BY id", batchSize: 2);
        try
        {
            Assert.Equal(3, batches.Count);
            string[] columns = ["id", "i2", "i4", "i8", "f4", "f8", "n", "n2", "n3", "nu", "b", "t", "vc", "bc", "by", "d", "ts", "tstz", "j", "jb", "u"];
            var inserted = await Client.BulkInsertAsync("dst", columns, batches);
            Assert.Equal(5, inserted);
        }
        finally
        {
            DisposeAll(batches);
        }

        var same = await ScalarAsync<long>("""
            SELECT count(*) FROM src x JOIN dst y USING (id)
            WHERE (x.i2, x.i4, x.i8, x.f4, x.f8, x.n, x.n2, x.n3, x.nu, x.b, x.t, x.vc, x.bc, x.by, x.d, x.ts, x.tstz, x.j::text, x.jb, x.u)
                  IS NOT DISTINCT FROM
                  (y.i2, y.i4, y.i8, y.f4, y.f8, y.n, y.n2, y.n3, y.nu, y.b, y.t, y.vc, y.bc, y.by, y.d, y.ts, y.tstz, y.j::text, y.jb, y.u)
            """);
        Assert.Equal(5, same);

        // The text renderings agree too, scale of numerics included.
        var differing = await ScalarAsync<long>("SELECT count(*) FROM src x JOIN dst y USING (id) WHERE x::text <> y::text");
        Assert.Equal(0, differing);
    }

    [Fact]
    public async Task Positional_parameters_are_rendered_by_the_server_as_literals()
    {
        var parameters = new List<NpgsqlParameter>
        {
            new() { Value = 2 },
            new() { Value = "it's $1 -- not a comment" },
            new() { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint },
        };
        var batches = await ReadAllAsync("SELECT id, '$1' AS lit, $2::text AS p, $3 AS nothing /* $9 */ FROM src WHERE id <= $1 ORDER BY id", parameters: parameters);
        try
        {
            var batch = Assert.Single(batches);
            Assert.Equal(2, batch.Length);
            Assert.Equal("$1", batch.Column<StringArray>(1).GetValue(0));
            Assert.Equal("it's $1 -- not a comment", batch.Column<StringArray>(2).GetValue(1));
            Assert.Equal(ArrowType.Int64, batch.Schema.Fields[3].Type);
            Assert.True(batch.Column(3).IsNull(0));
        }
        finally
        {
            DisposeAll(batches);
        }
    }

    [Fact]
    public async Task A_query_without_rows_yields_one_empty_batch_with_the_schema()
    {
        var batches = await ReadAllAsync("SELECT id, t FROM src WHERE false");
        var batch = Assert.Single(batches);
        Assert.Equal(0, batch.Length);
        Assert.Equal(["id", "t"], batch.Schema.Fields.Select(f => f.Name));
        DisposeAll(batches);
    }

    [Fact]
    public async Task A_trailing_comment_or_semicolon_does_not_break_the_wrapped_query()
    {
        var batches = await ReadAllAsync("SELECT id FROM src WHERE id < $1 -- the first ones", parameters: [new NpgsqlParameter { Value = 3 }]);
        Assert.Equal(2, Assert.Single(batches).Length);
        DisposeAll(batches);
        batches = await ReadAllAsync("SELECT id FROM src;  ");
        Assert.Equal(5, Assert.Single(batches).Length);
        DisposeAll(batches);
    }

    [Fact]
    public async Task An_unmapped_type_names_the_column_and_the_type()
    {
        var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => ReadAllAsync("SELECT id, interval '1 day' AS span FROM src"));
        Assert.Equal(PostgresArrowErrorKind.UnsupportedType, ex.Kind);
        Assert.Equal("span", ex.ColumnName);
        Assert.Contains("interval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NaN_numeric_in_a_decimal_column_is_refused_with_its_row()
    {
        await ExecuteAsync("UPDATE src SET n2 = 'NaN' WHERE id = 4");
        var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => ReadAllAsync("SELECT id, n2 FROM src ORDER BY id"));
        Assert.Equal(PostgresArrowErrorKind.InvalidValue, ex.Kind);
        Assert.Equal("n2", ex.ColumnName);
        Assert.Equal(3, ex.RowIndex);
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arrow_types_that_do_not_fit_the_column_are_refused_before_anything_is_sent()
    {
        using var builder = new Int64ArrayBuilder();
        builder.Append(1L);
        using var batch = new RecordBatch(new Schema([new Field("i2", ArrowType.Int64)]), [builder.Build()], 1);
        var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertAsync("dst", ["i2"], [batch]));
        Assert.Equal(PostgresArrowErrorKind.UnsupportedType, ex.Kind);
        Assert.Equal("i2", ex.ColumnName);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM dst"));
    }

    private static long Micros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
