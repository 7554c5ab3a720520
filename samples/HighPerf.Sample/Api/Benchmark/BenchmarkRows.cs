using System.Buffers.Text;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Sample.Api.Benchmark;

/// <summary>
/// Deterministic rows for a data set's columns, built straight into Arrow columns: row <c>i</c> always has the same
/// values (integers from <c>i</c>, <c>row-i</c> strings, a day and a second per row, <c>{"i": i}</c> JSON), and a
/// nullable column is null on every seventh row. Values of a column are distinct per row wherever the type allows.
/// </summary>
internal static class BenchmarkRows
{
    private const int BatchRows = 65_536;

    private static readonly DateOnly s_firstDay = new(1970, 1, 1);
    private static readonly DateTimeOffset s_firstInstant = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The rows, in batches of up to 65,536; the caller disposes them.</summary>
    internal static List<RecordBatch> Generate(DataSetDefinition definition, Schema schema, int rows)
    {
        var batches = new List<RecordBatch>((rows / BatchRows) + 1);

        // One builder per column for every batch: after a build it starts again on buffers of the size it reached.
        var builders = new ArrowArrayBuilder[definition.Columns.Count];
        try
        {
            for (var c = 0; c < builders.Length; c++)
            {
                builders[c] = ArrowArrayBuilder.Create(schema.Fields[c].Type);
            }

            for (var first = 0; first < rows; first += BatchRows)
            {
                batches.Add(Batch(definition, schema, builders, first, Math.Min(BatchRows, rows - first)));
            }

            return batches;
        }
        catch
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }

            throw;
        }
        finally
        {
            foreach (var builder in builders)
            {
                builder?.Dispose();
            }
        }
    }

    private static RecordBatch Batch(DataSetDefinition definition, Schema schema, ArrowArrayBuilder[] builders, int first, int count)
    {
        var columns = new ArrowArray[builders.Length];
        try
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var column = definition.Columns[c];
                var builder = builders[c];
                for (var i = first; i < first + count; i++)
                {
                    if (column.Nullable && i % 7 == 6)
                    {
                        builder.AppendNull();
                    }
                    else
                    {
                        AppendValue(builder, column.Type, i);
                    }
                }

                columns[c] = builder.BuildArray();
            }

            return new RecordBatch(schema, columns, count);
        }
        catch
        {
            foreach (var array in columns)
            {
                array?.Dispose();
            }

            throw;
        }
    }

    private static void AppendValue(ArrowArrayBuilder builder, DataSetColumnType type, int i)
    {
        switch (builder)
        {
            case Int32ArrayBuilder b: b.Append(i); break;
            case Int64ArrayBuilder b: b.Append(i + 1L); break;
            case Float64ArrayBuilder b: b.Append(i * 0.25); break;
            case BooleanArrayBuilder b: b.Append(i % 2 == 0); break;
            case Date32ArrayBuilder b: b.Append(s_firstDay.AddDays(i)); break;
            case TimestampArrayBuilder b: b.Append(s_firstInstant.AddSeconds(i)); break;
            case Decimal128ArrayBuilder b: b.Append(DecimalValue(type, i)); break;
            case StringArrayBuilder b when type.Kind == DataSetTypeKind.Json: AppendJson(b, i); break;
            case StringArrayBuilder b: AppendString(b, i); break;
            default: builder.AppendNull(); break;
        }
    }

    /// <summary>The unscaled value <c>i</c> kept within the precision, so every decimal(p,s) column takes it.</summary>
    private static Int128 DecimalValue(DataSetColumnType type, int i)
    {
        Int128 bound = 1;
        for (var d = 0; d < Math.Min(type.Precision, 18); d++)
        {
            bound *= 10;
        }

        return i % bound;
    }

    private static void AppendString(StringArrayBuilder builder, int i)
    {
        Span<byte> text = stackalloc byte[16];
        "row-"u8.CopyTo(text);
        Utf8Formatter.TryFormat(i, text[4..], out var written);
        builder.Append(text[..(4 + written)]);
    }

    private static void AppendJson(StringArrayBuilder builder, int i)
    {
        Span<byte> text = stackalloc byte[24];
        "{\"i\": "u8.CopyTo(text);
        Utf8Formatter.TryFormat(i, text[6..], out var written);
        text[6 + written] = (byte)'}';
        builder.Append(text[..(7 + written)]);
    }
}
