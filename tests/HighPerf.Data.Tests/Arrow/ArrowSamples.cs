using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Arrow;

/// <summary>Batches with every supported type, nulls in every nullable column, made from a seed.</summary>
internal static class ArrowSamples
{
    public static Schema AllTypesSchema { get; } = new(
    [
        new Field("null", ArrowType.Null),
        new Field("bool", ArrowType.Boolean),
        new Field("i8", ArrowType.Int8),
        new Field("i16", ArrowType.Int16),
        new Field("i32", ArrowType.Int32, nullable: false),
        new Field("i64", ArrowType.Int64),
        new Field("u8", ArrowType.UInt8),
        new Field("u16", ArrowType.UInt16),
        new Field("u32", ArrowType.UInt32),
        new Field("u64", ArrowType.UInt64),
        new Field("f32", ArrowType.Float32),
        new Field("f64", ArrowType.Float64),
        new Field("utf8", ArrowType.Utf8, metadata: [new("comment", "text ✓")]),
        new Field("binary", ArrowType.Binary),
        new Field("date32", ArrowType.Date32),
        new Field("ts_utc", ArrowType.TimestampMicrosecondUtc),
        new Field("ts_naive", ArrowType.TimestampMicrosecond),
        new Field("decimal", ArrowType.Decimal128(12, 2)),
        new Field("decimal38", ArrowType.Decimal128(38, 10)),
    ],
    [new("source", "highperf"), new("rows", "generated")]);

    public static RecordBatch AllTypes(int rows, int seed, double nullRate = 0.2)
    {
        var random = new Random(seed);
        var builders = AllTypesSchema.Fields.Select(f => ArrowArrayBuilder.Create(f.Type)).ToArray();
        try
        {
            for (var row = 0; row < rows; row++)
            {
                for (var c = 0; c < builders.Length; c++)
                {
                    var nullable = AllTypesSchema.Fields[c].IsNullable;
                    if (builders[c] is NullArrayBuilder || (nullable && random.NextDouble() < nullRate))
                    {
                        builders[c].AppendNull();
                        continue;
                    }

                    AppendRandom(builders[c], random);
                }
            }

            return new RecordBatch(AllTypesSchema, builders.Select(b => b.BuildArray()).ToArray(), rows);
        }
        finally
        {
            foreach (var builder in builders)
            {
                builder.Dispose();
            }
        }
    }

    private static void AppendRandom(ArrowArrayBuilder builder, Random random)
    {
        switch (builder)
        {
            case BooleanArrayBuilder b: b.Append(random.Next(2) == 1); break;
            case Int8ArrayBuilder b: b.Append((sbyte)random.Next(-128, 128)); break;
            case Int16ArrayBuilder b: b.Append((short)random.Next(short.MinValue, short.MaxValue + 1)); break;
            case Int32ArrayBuilder b: b.Append(random.Next(int.MinValue, int.MaxValue)); break;
            case Int64ArrayBuilder b: b.Append(random.NextInt64(long.MinValue, long.MaxValue)); break;
            case UInt8ArrayBuilder b: b.Append((byte)random.Next(256)); break;
            case UInt16ArrayBuilder b: b.Append((ushort)random.Next(65536)); break;
            case UInt32ArrayBuilder b: b.Append((uint)random.NextInt64(0, uint.MaxValue + 1L)); break;
            case UInt64ArrayBuilder b: b.Append((ulong)random.NextInt64(long.MinValue, long.MaxValue) ^ 0x8000_0000_0000_0000UL); break;
            case Float32ArrayBuilder b: b.Append(Edge(random, (float)(random.NextDouble() * 1e6 - 5e5), float.NaN, float.NegativeInfinity, -0f, float.Epsilon)); break;
            case Float64ArrayBuilder b: b.Append(Edge(random, random.NextDouble() * 1e12 - 5e11, double.NaN, double.PositiveInfinity, -0d, double.MaxValue)); break;
            case StringArrayBuilder b: b.Append(RandomText(random)); break;
            case BinaryArrayBuilder b:
                var bytes = new byte[random.Next(0, 20)];
                random.NextBytes(bytes);
                b.Append(bytes);
                break;
            case Date32ArrayBuilder b: b.Append(random.Next(-100_000, 100_000)); break;
            case TimestampArrayBuilder b: b.Append(random.NextInt64(-10_000_000_000_000_000, 10_000_000_000_000_000)); break;
            case Decimal128ArrayBuilder b when b.Type.Precision == 12: b.Append((Int128)random.NextInt64(-999_999_999_999, 1_000_000_000_000)); break;
            case Decimal128ArrayBuilder b:
                var unscaled = ((Int128)random.NextInt64() * random.NextInt64()) % Int128.Parse("99999999999999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture);
                b.Append(unscaled);
                break;
            default: throw new InvalidOperationException(builder.GetType().Name);
        }
    }

    private static T Edge<T>(Random random, T usual, params T[] edges) => random.Next(10) == 0 ? edges[random.Next(edges.Length)] : usual;

    private static string RandomText(Random random)
    {
        string[] pieces = ["a", "é", "日本", "🎉", " ", "\"", "\\", "\n", "x", "long text "];
        var count = random.Next(0, 6);
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = pieces[random.Next(pieces.Length)];
        }

        return string.Concat(parts);
    }

    /// <summary>Asserts that two batches hold the same schema and the same values (floats by bit pattern, any NaN equal to any NaN).</summary>
    public static void AssertEqual(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        AssertEqual(expected.Schema, actual.Schema);
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            AssertEqual(expected.Column(c), actual.Column(c), expected.Schema.Fields[c].Name);
        }
    }

    public static void AssertEqual(Schema expected, Schema actual)
    {
        Assert.Equal(expected.Fields.Count, actual.Fields.Count);
        Assert.Equal(expected.Metadata.ToArray(), actual.Metadata.ToArray());
        for (var i = 0; i < expected.Fields.Count; i++)
        {
            var e = expected.Fields[i];
            var a = actual.Fields[i];
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Type, a.Type);
            Assert.Equal(e.IsNullable, a.IsNullable);
            Assert.Equal(e.Metadata.ToArray(), a.Metadata.ToArray());
        }
    }

    public static void AssertEqual(ArrowArray expected, ArrowArray actual, string name)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.True(expected.Length == actual.Length, $"{name}: length {actual.Length} instead of {expected.Length}");
        Assert.True(expected.NullCount == actual.NullCount, $"{name}: {actual.NullCount} nulls instead of {expected.NullCount}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected.IsNull(i) == actual.IsNull(i), $"{name}[{i}]: null differs");
            if (expected.IsNull(i))
            {
                continue;
            }

            var same = (expected, actual) switch
            {
                (BooleanArray e, BooleanArray a) => e.GetValue(i) == a.GetValue(i),
                (VariableBinaryArray e, VariableBinaryArray a) => e.GetBytes(i).SequenceEqual(a.GetBytes(i)),
                (Float32Array e, Float32Array a) => (float.IsNaN(e.GetValue(i)) && float.IsNaN(a.GetValue(i))) || BitConverter.SingleToInt32Bits(e.GetValue(i)) == BitConverter.SingleToInt32Bits(a.GetValue(i)),
                (Float64Array e, Float64Array a) => (double.IsNaN(e.GetValue(i)) && double.IsNaN(a.GetValue(i))) || BitConverter.DoubleToInt64Bits(e.GetValue(i)) == BitConverter.DoubleToInt64Bits(a.GetValue(i)),
                (NullArray, NullArray) => true,
                _ => ValueOf(expected, i).Equals(ValueOf(actual, i)),
            };
            Assert.True(same, $"{name}[{i}]: {ValueOf(actual, i)} instead of {ValueOf(expected, i)}");
        }
    }

    private static object ValueOf(ArrowArray array, int i) => array switch
    {
        Int8Array a => a.GetValue(i),
        Int16Array a => a.GetValue(i),
        Int32Array a => a.GetValue(i),
        Int64Array a => a.GetValue(i),
        UInt8Array a => a.GetValue(i),
        UInt16Array a => a.GetValue(i),
        UInt32Array a => a.GetValue(i),
        UInt64Array a => a.GetValue(i),
        Float32Array a => a.GetValue(i),
        Float64Array a => a.GetValue(i),
        Date32Array a => a.GetValue(i),
        TimestampArray a => a.GetValue(i),
        Decimal128Array a => a.GetValue(i),
        BooleanArray a => a.GetValue(i),
        StringArray a => a.GetValue(i)!,
        BinaryArray a => Convert.ToHexString(a.GetValue(i)),
        _ => "null",
    };
}
