using FsCheck;
using FsCheck.Fluent;

namespace HighPerf.Data.Tests.DuckDb;

public sealed class PreparedStatementTests
{
    [Fact]
    public void Every_parameter_type_round_trips()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();

        T RoundTrip<T>(string type, Action<DuckDbStatement> bind)
        {
            using var statement = connection.Prepare($"SELECT $1::{type}");
            bind(statement);
            return statement.ExecuteScalar<T>()!;
        }

        Assert.True(RoundTrip<bool>("BOOLEAN", s => s.Bind(1, true)));
        Assert.Equal((sbyte)-5, RoundTrip<sbyte>("TINYINT", s => s.Bind(1, (sbyte)-5)));
        Assert.Equal((short)-300, RoundTrip<short>("SMALLINT", s => s.Bind(1, (short)-300)));
        Assert.Equal(-70000, RoundTrip<int>("INTEGER", s => s.Bind(1, -70000)));
        Assert.Equal(long.MinValue, RoundTrip<long>("BIGINT", s => s.Bind(1, long.MinValue)));
        Assert.Equal(Int128.MaxValue, RoundTrip<Int128>("HUGEINT", s => s.Bind(1, Int128.MaxValue)));
        Assert.Equal((byte)250, RoundTrip<byte>("UTINYINT", s => s.Bind(1, (byte)250)));
        Assert.Equal((ushort)65000, RoundTrip<ushort>("USMALLINT", s => s.Bind(1, (ushort)65000)));
        Assert.Equal(4_000_000_000u, RoundTrip<uint>("UINTEGER", s => s.Bind(1, 4_000_000_000u)));
        Assert.Equal(ulong.MaxValue, RoundTrip<ulong>("UBIGINT", s => s.Bind(1, ulong.MaxValue)));
        Assert.Equal(UInt128.MaxValue, RoundTrip<UInt128>("UHUGEINT", s => s.Bind(1, UInt128.MaxValue)));
        Assert.Equal(1.25f, RoundTrip<float>("FLOAT", s => s.Bind(1, 1.25f)));
        Assert.Equal(Math.PI, RoundTrip<double>("DOUBLE", s => s.Bind(1, Math.PI)));
        Assert.Equal(-1234567890.12m, RoundTrip<decimal>("DECIMAL(12,2)", s => s.Bind(1, -1234567890.12m)));
        Assert.Equal(0.1234567890123456789012345678m, RoundTrip<decimal>("DECIMAL(38,28)", s => s.Bind(1, 0.1234567890123456789012345678m)));
        Assert.Equal("a 'quoted' ünïcode string that is longer than twelve bytes", RoundTrip<string>("VARCHAR", s => s.Bind(1, "a 'quoted' ünïcode string that is longer than twelve bytes")));
        Assert.Equal(string.Empty, RoundTrip<string>("VARCHAR", s => s.Bind(1, string.Empty)));
        Assert.Equal(new string('x', 5000), RoundTrip<string>("VARCHAR", s => s.Bind(1, new string('x', 5000))));
        Assert.Equal("utf8", RoundTrip<string>("VARCHAR", s => s.BindUtf8(1, "utf8"u8)));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, RoundTrip<byte[]>("BLOB", s => s.BindBlob(1, new byte[] { 0, 1, 2, 255 })));
        Assert.Equal(new DateOnly(1969, 12, 31), RoundTrip<DateOnly>("DATE", s => s.Bind(1, new DateOnly(1969, 12, 31))));
        Assert.Equal(new TimeOnly(23, 59, 59, 999, 999), RoundTrip<TimeOnly>("TIME", s => s.Bind(1, new TimeOnly(23, 59, 59, 999, 999))));
        var wallClock = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Unspecified).AddTicks(7890);
        Assert.Equal(wallClock.AddTicks(-(wallClock.Ticks % 10)), RoundTrip<DateTime>("TIMESTAMP", s => s.Bind(1, wallClock)));
        var instant = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.FromHours(5));
        Assert.Equal(instant, RoundTrip<DateTimeOffset>("TIMESTAMPTZ", s => s.Bind(1, instant)));
        Assert.Equal(instant.UtcDateTime, RoundTrip<DateTime>("TIMESTAMPTZ", s => s.Bind(1, instant.UtcDateTime)));
        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromMilliseconds(1.5), RoundTrip<TimeSpan>("INTERVAL", s => s.Bind(1, TimeSpan.FromDays(2) + TimeSpan.FromMilliseconds(1.5))));
        var id = Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        Assert.Equal(id, RoundTrip<Guid>("UUID", s => s.Bind(1, id)));
        Assert.Equal(id.ToString(), RoundTrip<string>("VARCHAR", s => s.Bind(1, id)));
        Assert.Null(RoundTrip<long?>("BIGINT", s => s.BindNull(1)));
        Assert.Null(RoundTrip<string>("VARCHAR", s => s.Bind(1, (string?)null)));
    }

    [Fact]
    public void Longs_decimals_strings_and_timestamps_round_trip_for_any_value()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var statement = connection.Prepare("SELECT $1::BIGINT, $2::DECIMAL(18,4), $3::VARCHAR, $4::TIMESTAMPTZ");
        var minMicros = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var maxMicros = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var cases = Gen.Zip(
                Gen.Zip(ArbMap.Default.GeneratorFor<long>(), Gen.Zip(Gen.Choose(-99_999_999, 99_999_999), Gen.Choose(0, 9999))),
                Gen.Zip(
                    ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Contains('\0', StringComparison.Ordinal)),
                    Gen.Choose(-1_000_000, 1_000_000).Select(x => minMicros + ((maxMicros - minMicros) / 2) + ((long)x * 123_456_789))))
            .ToArbitrary();

        Properties.Check(cases, c =>
        {
            var ((number, (whole, fraction)), (text, micros)) = c;
            var amount = whole + (fraction / 10_000m);
            var instant = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
            statement.Bind(1, number).Bind(2, amount).Bind(3, text).Bind(4, instant);
            var row = statement.QueryRows(r => (r.Get<long>(0), r.Get<decimal>(1), r.Get<string>(2), r.Get<DateTimeOffset>(3)))[0];
            var expectedText = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
            return row.Item1 == number && row.Item2 == amount && row.Item3 == expectedText && row.Item4 == instant;
        }, maxTest: 300);
    }

    [Fact]
    public void A_statement_runs_again_with_new_bindings_and_named_parameters_resolve()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        connection.Execute("CREATE TABLE t (id BIGINT, name VARCHAR)");
        using (var insert = connection.Prepare("INSERT INTO t VALUES ($id, $name)"))
        {
            Assert.Equal(2, insert.ParameterCount);
            var id = insert.IndexOf("id");
            var name = insert.IndexOf("name");
            for (var i = 0; i < 100; i++)
            {
                Assert.Equal(1, insert.Bind(id, (long)i).Bind(name, $"name {i}").Execute());
            }

            Assert.Throws<ArgumentException>(() => insert.IndexOf("missing"));
        }

        using var select = connection.Prepare("SELECT name FROM t WHERE id = ?");
        Assert.Equal(DuckDbType.BigInt, select.GetParameterType(1));
        Assert.Equal("name 42", select.Bind(1, 42L).ExecuteScalar<string>());
        Assert.Equal("name 7", select.Bind(1, 7).ExecuteScalar<string>());
        using (var result = select.Bind(1, 99L).Query())
        {
            Assert.True(result.ReadChunk());
            Assert.Equal("name 99", result.Chunk.GetColumn(0).GetString(0));
        }

        select.ClearBindings();
        var unbound = Assert.Throws<DuckDbException>(() => select.ExecuteScalar<string>());
        Assert.Contains("parameter", unbound.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentOutOfRangeException>(() => select.Bind(2, 1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => select.Bind(0, 1L));
    }

    [Fact]
    public void A_value_that_cannot_become_the_parameters_type_fails_with_DuckDbException()
    {
        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var statement = connection.Prepare("SELECT $1::TINYINT + 1");
        statement.Bind(1, 1000);
        var ex = Assert.Throws<DuckDbException>(() => statement.ExecuteScalar<int>());
        Assert.Equal(DuckDbErrorKind.Conversion, ex.Kind);
        Assert.Throws<ArgumentException>(() => statement.BindUtf8(1, new byte[] { 0xC3, 0x28 }));
        Assert.Throws<DuckDbException>(() => connection.Prepare("SELECT 1; SELECT 2"));
    }
}
