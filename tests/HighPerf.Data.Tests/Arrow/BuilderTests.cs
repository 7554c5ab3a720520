using System.Text;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Arrow;

public sealed class BuilderTests
{
    [Fact]
    public void Int64_values_nulls_and_ranges_read_back()
    {
        using var builder = new Int64ArrayBuilder();
        builder.Append(1);
        builder.AppendNull();
        builder.AppendRange([3, 4, 5]);
        builder.Append((long?)null);
        builder.Append((long?)7);
        using var array = builder.Build();

        Assert.Equal(7, array.Length);
        Assert.Equal(2, array.NullCount);
        Assert.Equal([1L, 0, 3, 4, 5, 0, 7], array.Values.ToArray());
        Assert.True(array.IsNull(1));
        Assert.True(array.IsNull(5));
        Assert.False(array.IsNull(6));
        Assert.Equal(7, array.GetValue(6));
        Assert.Null(array.GetNullableValue(1));
        Assert.Equal(0b0101_1101, array.ValidityBitmap[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array.GetValue(7));
    }

    [Fact]
    public void An_array_without_nulls_has_no_bitmap_and_buffers_are_64_byte_aligned()
    {
        using var builder = new Float64ArrayBuilder();
        builder.AppendRange([1.5, 2.5]);
        using var array = builder.Build();
        Assert.Equal(0, array.NullCount);
        Assert.True(array.ValidityBitmap.IsEmpty);
        Assert.False(array.IsNull(0));
        unsafe
        {
            fixed (double* values = array.Values)
            {
                Assert.Equal(0, (long)values % 64);
            }
        }
    }

    [Fact]
    public void Every_primitive_builder_round_trips()
    {
        using (var b = new Int8ArrayBuilder())
        {
            b.Append(sbyte.MinValue);
            b.AppendNull();
            b.Append(sbyte.MaxValue);
            using var a = b.Build();
            Assert.Equal([sbyte.MinValue, 0, sbyte.MaxValue], a.Values.ToArray());
            Assert.Equal(ArrowType.Int8, a.Type);
        }

        using (var b = new UInt64ArrayBuilder())
        {
            b.Append(ulong.MaxValue);
            using var a = b.Build();
            Assert.Equal(ulong.MaxValue, a.GetValue(0));
        }

        using (var b = new Float32ArrayBuilder())
        {
            b.Append(float.NaN);
            b.Append(-0f);
            using var a = b.Build();
            Assert.True(float.IsNaN(a.GetValue(0)));
            Assert.True(float.IsNegative(a.GetValue(1)));
        }

        using (var b = new UInt16ArrayBuilder())
        {
            b.AppendRange([1, 2, ushort.MaxValue]);
            using var a = b.Build();
            Assert.Equal(ushort.MaxValue, a.GetValue(2));
        }
    }

    [Fact]
    public void Booleans_are_bit_packed()
    {
        using var builder = new BooleanArrayBuilder();
        builder.AppendRange([true, false, true, true, false, false, false, false, true]);
        builder.AppendNull();
        using var array = builder.Build();
        Assert.Equal(10, array.Length);
        Assert.Equal(1, array.NullCount);
        Assert.Equal(0b0000_1101, array.ValueBitmap[0]);
        Assert.Equal(0b0000_0001, array.ValueBitmap[1]);
        Assert.True(array.GetValue(8));
        Assert.Null(array.GetNullableValue(9));
    }

    [Fact]
    public void Strings_from_utf8_and_utf16_share_one_data_buffer()
    {
        using var builder = new StringArrayBuilder();
        builder.Append("héllo");
        builder.Append("wörld"u8);
        builder.AppendNull();
        builder.Append(string.Empty);
        builder.Append("日本".AsSpan());
        using var array = builder.Build();

        Assert.Equal(5, array.Length);
        Assert.Equal(1, array.NullCount);
        Assert.Equal("héllo", array.GetValue(0));
        Assert.Equal("wörld", array.GetValue(1));
        Assert.Null(array.GetValue(2));
        Assert.Equal(string.Empty, array.GetValue(3));
        Assert.Equal("日本", array.GetValue(4));
        Assert.Equal([0, 6, 12, 12, 12, 18], array.Offsets.ToArray());
        Assert.Equal("héllowörld日本", Encoding.UTF8.GetString(array.Data));
    }

    [Fact]
    public void Binary_values_read_back_as_spans()
    {
        using var builder = new BinaryArrayBuilder();
        builder.Append([1, 2, 3]);
        builder.Append((byte[]?)null);
        builder.Append(ReadOnlySpan<byte>.Empty);
        using var array = builder.Build();
        Assert.Equal([1, 2, 3], array.GetValue(0).ToArray());
        Assert.True(array.IsNull(1));
        Assert.True(array.GetValue(2).IsEmpty);
    }

    [Fact]
    public void Decimals_from_decimal_and_from_unscaled_integers()
    {
        using var builder = new Decimal128ArrayBuilder(12, 2);
        builder.Append(123.45m);
        builder.Append(-0.5m);
        builder.Append((Int128)12345);
        builder.Append(7m);
        builder.Append((decimal?)null);
        using var array = builder.Build();

        Assert.Equal(ArrowType.Decimal128(12, 2), array.Type);
        Assert.Equal([(Int128)12345, -50, 12345, 700, 0], array.Values.ToArray());
        Assert.Equal(123.45m, array.GetDecimal(0));
        Assert.Equal(-0.50m, array.GetDecimal(1));
        Assert.Null(array.GetNullableDecimal(4));

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Append(0.001m));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Append(10_000_000_000m));

        // Scaling up must not wrap around: 7.9e28 at scale 20 is far past 38 digits.
        using var wide = new Decimal128ArrayBuilder(38, 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => wide.Append(decimal.MaxValue));
        wide.Append(123456789012345678m);
        using var wideArray = wide.Build();
        Assert.Equal(123456789012345678m, wideArray.GetDecimal(0));
    }

    [Fact]
    public void Decimal128_keeps_38_digits_beyond_what_decimal_holds()
    {
        using var builder = new Decimal128ArrayBuilder(38, 0);
        var big = Int128.Parse("99999999999999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture);
        builder.Append(big);
        using var array = builder.Build();
        Assert.Equal(big, array.GetValue(0));
        Assert.Throws<OverflowException>(() => array.GetDecimal(0));
        Assert.Equal("-1234.5600", DecimalConversions.Format(-12345600, 4));
        Assert.Equal("0.05", DecimalConversions.Format(5, 2));
        Assert.Equal("-170141183460469231731687303715884105728", DecimalConversions.Format(Int128.MinValue, 0));
    }

    [Fact]
    public void Timestamps_from_microseconds_and_DateTimeOffset()
    {
        using var builder = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond, "UTC");
        var instant = new DateTimeOffset(2024, 2, 29, 12, 30, 45, 123, TimeSpan.FromHours(2)).AddTicks(4560);
        builder.Append(instant);
        builder.Append(-1L);
        using var array = builder.Build();
        Assert.Equal(ArrowType.TimestampMicrosecondUtc, array.Type);
        Assert.Equal(instant.ToUnixTimeMilliseconds() * 1000 + 456, array.GetValue(0));
        Assert.Equal(instant, array.GetDateTimeOffset(0));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(-10), array.GetDateTimeOffset(1));
    }

    [Fact]
    public void Dates_from_days_and_DateOnly()
    {
        using var builder = new Date32ArrayBuilder();
        builder.Append(new DateOnly(2000, 1, 1));
        builder.Append(-1);
        using var array = builder.Build();
        Assert.Equal(10957, array.GetValue(0));
        Assert.Equal(new DateOnly(1969, 12, 31), array.GetDate(1));
    }

    [Fact]
    public void Null_arrays_have_no_memory()
    {
        using var builder = new NullArrayBuilder();
        builder.AppendNull();
        builder.AppendNull();
        using var array = builder.Build();
        Assert.Equal(2, array.Length);
        Assert.Equal(2, array.NullCount);
        Assert.True(array.IsNull(1));
    }

    [Fact]
    public void A_builder_is_reused_batch_after_batch_and_reset_forgets()
    {
        using var builder = new StringArrayBuilder();
        for (var batch = 0; batch < 3; batch++)
        {
            for (var i = 0; i < 1000; i++)
            {
                if (i % 7 == 0)
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append($"b{batch}-{i}");
                }
            }

            using var array = builder.Build();
            Assert.Equal(1000, array.Length);
            Assert.Equal(143, array.NullCount);
            Assert.Equal($"b{batch}-999", array.GetValue(999));
            Assert.Equal(0, builder.Length);
        }

        builder.Append("dropped");
        builder.AppendNull();
        builder.Reset();
        builder.Append("kept");
        using var last = builder.Build();
        Assert.Equal(1, last.Length);
        Assert.Equal(0, last.NullCount);
        Assert.Equal("kept", last.GetValue(0));
    }

    [Fact]
    public void An_array_is_unusable_after_dispose()
    {
        using var builder = new Int32ArrayBuilder();
        builder.Append(1);
        var array = builder.Build();
        array.Dispose();
        array.Dispose();
        Assert.Throws<ObjectDisposedException>(() => array.GetValue(0));
        Assert.Throws<ObjectDisposedException>(() => array.Values.Length);
    }

    [Fact]
    public void A_record_batch_checks_its_columns_against_the_schema()
    {
        var schema = new Schema([new Field("id", ArrowType.Int64, nullable: false), new Field("name", ArrowType.Utf8)], [new("origin", "test")]);
        using var ids = new Int64ArrayBuilder();
        using var names = new StringArrayBuilder();
        ids.AppendRange([1, 2]);
        names.Append("a");
        names.AppendNull();
        using var batch = new RecordBatch(schema, [ids.Build(), names.Build()], 2);
        Assert.Equal(2, batch.Length);
        Assert.Equal("a", batch.Column<StringArray>(1).GetValue(0));
        Assert.Same(batch.Column(1), batch.Column("name"));
        Assert.Equal("test", batch.Schema.Metadata["origin"]);

        ids.Append(1);
        using var wrongLength = ids.Build();
        using var wrongType = new Int32ArrayBuilder().Build();
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [wrongLength, wrongType], 1));
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [wrongLength], 1));
    }

    [Fact]
    public void Types_compare_by_value_and_print_like_arrow()
    {
        Assert.Equal(ArrowType.Timestamp(ArrowTimeUnit.Microsecond, "UTC"), ArrowType.TimestampMicrosecondUtc);
        Assert.Equal(ArrowType.Timestamp(timeZone: ""), ArrowType.TimestampMicrosecond);
        Assert.NotEqual(ArrowType.Timestamp(ArrowTimeUnit.Millisecond), ArrowType.TimestampMicrosecond);
        Assert.Equal(ArrowType.Decimal128(12, 2), ArrowType.Decimal128(12, 2));
        Assert.Equal("decimal128(12, 2)", ArrowType.Decimal128(12, 2).ToString());
        Assert.Equal("timestamp[us, tz=UTC]", ArrowType.TimestampMicrosecondUtc.ToString());
    }

    [Fact]
    public void Builder_values_match_a_list_for_generated_inputs()
    {
        var gen = FsCheck.Fluent.ArbMap.Default.ArbFor<long?[]>();
        Properties.Check(gen, values =>
        {
            using var builder = new Int64ArrayBuilder();
            foreach (var value in values)
            {
                builder.Append(value);
            }

            using var array = builder.Build();
            for (var i = 0; i < values.Length; i++)
            {
                if (array.GetNullableValue(i) != values[i])
                {
                    return false;
                }
            }

            return array.Length == values.Length && array.NullCount == values.Count(v => v is null);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    public unsafe void A_packed_bitmap_appends_at_any_bit_offset_as_its_bits_one_by_one(int before)
    {
        var random = new Random(before);
        foreach (var count in new[] { 1, 5, 8, 9, 64, 100, 2048 })
        {
            var source = new byte[(count + 7) / 8 + 1];
            random.NextBytes(source);
            var packed = new HighPerf.Data.Arrow.Memory.BitmapBuilder();
            var oneByOne = new HighPerf.Data.Arrow.Memory.BitmapBuilder();
            for (var i = 0; i < before; i++)
            {
                packed.Append(i % 3 == 0);
                oneByOne.Append(i % 3 == 0);
            }

            fixed (byte* bits = source)
            {
                packed.AppendBits(bits, count);
            }

            for (var i = 0; i < count; i++)
            {
                oneByOne.Append((source[i >> 3] & (1 << (i & 7))) != 0);
            }

            // Bits appended afterwards land on the clear tail, not on stray source bits.
            packed.AppendMany(false, 3);
            oneByOne.AppendMany(false, 3);
            Assert.Equal(oneByOne.Length, packed.Length);
            var expected = oneByOne.Build();
            var actual = packed.Build();
            Assert.Equal(expected.Span[..((before + count + 3 + 7) / 8)].ToArray(), actual.Span[..((before + count + 3 + 7) / 8)].ToArray());
            expected.Owner?.Unshare();
            actual.Owner?.Unshare();
        }
    }
}
