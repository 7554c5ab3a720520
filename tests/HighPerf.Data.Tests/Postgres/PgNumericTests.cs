using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using HighPerf.Data.Arrow;
using HighPerf.Data.Postgres;

namespace HighPerf.Data.Tests.Postgres;

/// <summary>The base-10000 numeric codec: properties on random decimal128 values, and PostgreSQL itself as the peer.</summary>
public sealed class PgNumericTests
{
    private static readonly Int128 s_limit = Int128.Parse("99999999999999999999999999999999999999", CultureInfo.InvariantCulture);

    private static Arbitrary<(Int128 Value, int Scale)> Decimals()
    {
        var longs = ArbMap.Default.GeneratorFor<long>();
        var digits = Gen.Choose(1, 38);
        return Gen.Zip(Gen.Zip(longs, longs), Gen.Zip(digits, Gen.Choose(0, 38))).Select(pair =>
        {
            var ((high, low), (width, scale)) = pair;
            var raw = ((Int128)high << 64) | (ulong)low;
            var value = raw % DecimalPower(width);
            return (value, Math.Min(scale, 38));
        }).ToArbitrary();
    }

    [Fact]
    public void Binary_written_from_a_decimal128_reads_back_to_it()
    {
        Properties.Check(Decimals(), c =>
        {
            Span<byte> binary = stackalloc byte[PgNumeric.MaxDecimal128Bytes];
            var written = PgNumeric.WriteUnscaled(c.Value, c.Scale, binary);
            return PgNumeric.TryReadUnscaled(binary[..written], 38, c.Scale, out var back, out _) && back == c.Value;
        }, maxTest: 2000);
    }

    [Fact]
    public void Binary_renders_as_the_decimal_text_and_the_text_parses_to_the_same_binary()
    {
        Properties.Check(Decimals(), c =>
        {
            Span<byte> binary = stackalloc byte[PgNumeric.MaxDecimal128Bytes];
            var written = PgNumeric.WriteUnscaled(c.Value, c.Scale, binary);
            var expected = DecimalConversions.Format(c.Value, c.Scale);
            Span<byte> text = stackalloc byte[128];
            var length = PgNumeric.WriteText(binary[..written], text);
            var rendered = System.Text.Encoding.ASCII.GetString(text[..length]);

            Span<byte> parsed = stackalloc byte[PgNumeric.MaxBytesForText(expected.Length)];
            var parsedLength = PgNumeric.TryWriteText(System.Text.Encoding.ASCII.GetBytes(expected), parsed);
            return rendered == expected && parsed[..parsedLength].SequenceEqual(binary[..written]);
        }, maxTest: 2000);
    }

    [Theory]
    [InlineData("12345.678", 2)]
    [InlineData("0.001", 2)]
    public void Digits_past_the_scale_are_refused(string text, int scale)
    {
        Span<byte> binary = stackalloc byte[64];
        var written = PgNumeric.TryWriteText(System.Text.Encoding.ASCII.GetBytes(text), binary);
        Assert.False(PgNumeric.TryReadUnscaled(binary[..written], 38, scale, out _, out var problem));
        Assert.Contains("scale", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("--1")]
    public void Text_that_is_not_a_plain_decimal_is_refused(string text)
    {
        Span<byte> binary = stackalloc byte[64];
        Assert.Equal(-1, PgNumeric.TryWriteText(System.Text.Encoding.ASCII.GetBytes(text), binary));
    }

    [Fact]
    public void Values_past_the_precision_are_refused()
    {
        Span<byte> binary = stackalloc byte[64];
        var written = PgNumeric.TryWriteText("123456789012345678901234567890123456789"u8, binary);
        Assert.False(PgNumeric.TryReadUnscaled(binary[..written], 38, 0, out _, out var problem));
        Assert.Contains("precision", problem, StringComparison.Ordinal);
        Assert.True(s_limit > 0);
    }

    private static Int128 DecimalPower(int exponent)
    {
        Int128 value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}

/// <summary>Random decimal128 values written by our encoder are what PostgreSQL itself prints, and read back unchanged.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class PgNumericServerTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    [Theory]
    [InlineData(38, 0)]
    [InlineData(38, 9)]
    [InlineData(20, 7)]
    [InlineData(38, 38)]
    public async Task Random_decimals_survive_the_server_exactly(int precision, int scale)
    {
        await ExecuteAsync($"CREATE TABLE d (i int4, n numeric({precision},{scale}))");
        var random = new Random(precision * 100 + scale);
        using var ids = new Int32ArrayBuilder();
        using var values = new Decimal128ArrayBuilder(precision, scale);
        var expected = new Dictionary<int, string>();
        for (var i = 0; i < 3_000; i++)
        {
            var width = random.Next(1, precision + 1);
            Int128 magnitude = 0;
            for (var d = 0; d < width; d++)
            {
                magnitude = (magnitude * 10) + random.Next(10);
            }

            var value = random.Next(2) == 0 ? -magnitude : magnitude;
            ids.Append(i);
            values.Append(value);
            expected[i] = DecimalConversions.Format(value, scale);
        }

        var schema = new Schema([new Field("i", ArrowType.Int32), new Field("n", ArrowType.Decimal128(precision, scale))]);
        using (var batch = new RecordBatch(schema, [ids.Build(), values.Build()], 3_000))
        {
            Assert.Equal(3_000, await Client.BulkInsertAsync("d", ["i", "n"], [batch]));
        }

        await using (var command = DataSource.CreateCommand("SELECT i, n::text FROM d"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // PostgreSQL prints "-0.000" as "0.000": a negative zero does not exist in numeric.
                var want = expected[reader.GetInt32(0)];
                Assert.Equal(want.TrimStart('-').Trim('0', '.').Length == 0 ? want.TrimStart('-') : want, reader.GetString(1));
            }
        }

        var batches = await ReadAllAsync("SELECT i, n FROM d ORDER BY i");
        try
        {
            var back = Assert.Single(batches);
            for (var i = 0; i < back.Length; i++)
            {
                Assert.Equal(expected[i].TrimStart('-').Trim('0', '.').Length == 0 ? expected[i].TrimStart('-') : expected[i], DecimalConversions.Format(back.Column<Decimal128Array>(1).GetValue(i), scale));
            }
        }
        finally
        {
            DisposeAll(batches);
        }
    }
}
