using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// Copies a window of an Arrow column into a DuckDB vector: one memory copy when the layouts agree (integers,
/// floats, dates, timestamps of the same unit, validity bitmaps, which have the same bit order), a tight
/// conversion loop otherwise (wider integers, other timestamp units, decimal128 to DuckDB's narrower decimal
/// storage, bit-packed booleans), and strings entry by entry.
/// </summary>
internal static unsafe class ArrowColumnCopy
{
    internal enum Kind
    {
        Copy,
        WidenSigned,
        WidenUnsigned,
        Boolean,
        Text,
        Decimal,
        TimestampToMicros,
        AllNull,
    }

    /// <summary>How a column of <paramref name="type"/> goes into <paramref name="column"/>; throws when it cannot.</summary>
    internal static Kind Plan(ArrowType type, in ColumnInfo column, int index)
    {
        var target = column.Type;
        switch (type.Id)
        {
            case ArrowTypeId.Null:
                return Kind.AllNull;
            case ArrowTypeId.Boolean when target == DuckDbType.Boolean:
                return Kind.Boolean;
            case ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64:
                if (target == SignedOf(type.BitWidth))
                {
                    return Kind.Copy;
                }

                if (IsSigned(target) && ColumnInfo.SizeOf(target) * 8 > type.BitWidth)
                {
                    return Kind.WidenSigned;
                }

                break;
            case ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64:
                if (target == UnsignedOf(type.BitWidth))
                {
                    return Kind.Copy;
                }

                if ((IsSigned(target) || IsUnsigned(target)) && ColumnInfo.SizeOf(target) * 8 > type.BitWidth)
                {
                    return Kind.WidenUnsigned;
                }

                break;
            case ArrowTypeId.Float32 when target == DuckDbType.Float:
            case ArrowTypeId.Float64 when target == DuckDbType.Double:
            case ArrowTypeId.Date32 when target == DuckDbType.Date:
                return Kind.Copy;
            case ArrowTypeId.Utf8 when column.Storage == DuckDbType.Varchar:
            case ArrowTypeId.Binary when column.Storage == DuckDbType.Blob:
                return Kind.Text;
            case ArrowTypeId.Decimal128 when target == DuckDbType.Decimal && type.Scale == column.DecimalScale:
                return Kind.Decimal;
            case ArrowTypeId.Timestamp:
                var unit = type.TimeUnit;
                if ((target == DuckDbType.TimestampS && unit == ArrowTimeUnit.Second)
                    || (target == DuckDbType.TimestampMs && unit == ArrowTimeUnit.Millisecond)
                    || (target == DuckDbType.TimestampNs && unit == ArrowTimeUnit.Nanosecond)
                    || (target is DuckDbType.Timestamp or DuckDbType.TimestampTz && unit == ArrowTimeUnit.Microsecond))
                {
                    return Kind.Copy;
                }

                if (target is DuckDbType.Timestamp or DuckDbType.TimestampTz)
                {
                    return Kind.TimestampToMicros;
                }

                break;
        }

        throw new InvalidCastException($"Column {index} of the batch is {type} and cannot go into the table's column {index} of type {DescribeColumn(column)}.");
    }

    /// <summary>
    /// Whether DuckDB's own Arrow import turns a column planned as <paramref name="kind"/> into exactly what
    /// <see cref="Write"/> would: the types match one to one (or widen), a timestamp has a time zone exactly when the
    /// column is TIMESTAMPTZ (else DuckDB would shift it by the session's zone), a decimal has the column's precision
    /// (DuckDB reads it at the declared one; <see cref="CheckScanned"/> checks the values), and text goes into plain
    /// VARCHAR or BLOB, or JSON (tagged as such; see <see cref="ArrowStreamInsert.Positional"/>).
    /// </summary>
    internal static bool Scans(Kind kind, ArrowType type, in ColumnInfo column) => kind switch
    {
        Kind.Copy when type.Id == ArrowTypeId.Timestamp => (type.TimeZone is not null) == (column.Type == DuckDbType.TimestampTz),
        Kind.Copy or Kind.WidenSigned or Kind.WidenUnsigned or Kind.Boolean or Kind.AllNull => true,
        Kind.Text => column.Alias is null || IsJson(column),
        Kind.Decimal => type.Precision == column.DecimalWidth,
        _ => false,
    };

    /// <summary>The checks <see cref="Write"/> makes value by value, for a column DuckDB will read itself: decimals within the column's width.</summary>
    internal static void CheckScanned(Kind kind, ArrowArray source, in ColumnInfo column)
    {
        if (kind == Kind.Decimal)
        {
            CheckDecimalWidth(((Decimal128Array)source).Values, source, 0, column);
        }
    }

    internal static bool IsJson(in ColumnInfo column) => string.Equals(column.Alias, "JSON", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of <paramref name="source"/> to rows 0.. of the chunk's column.</summary>
    internal static void Write(Kind kind, ArrowArray source, in ColumnInfo column, ChunkBuilder chunk, int columnIndex, int start, int count)
    {
        var target = chunk.Data(columnIndex);
        if (kind == Kind.AllNull)
        {
            var validity = chunk.WritableValidity(columnIndex);
            new Span<byte>(validity, (count + 7) >> 3).Clear();
            return;
        }

        if (source.NullCount > 0)
        {
            // Both are LSB-first bitmaps and every window starts at a multiple of 2,048 rows, so whole bytes line up.
            var validity = chunk.WritableValidity(columnIndex);
            source.ValidityBitmap.Slice(start >> 3, (count + 7) >> 3).CopyTo(new Span<byte>(validity, (count + 7) >> 3));
        }

        switch (kind)
        {
            case Kind.Copy:
                CopyFixed(source, target, start, count);
                break;
            case Kind.WidenSigned:
                WidenSigned(source, column.Storage, target, start, count);
                break;
            case Kind.WidenUnsigned:
                WidenUnsigned(source, column.Storage, target, start, count);
                break;
            case Kind.Boolean:
                var bits = ((BooleanArray)source).ValueBitmap;
                var bytes = (byte*)target;
                for (var i = 0; i < count; i++)
                {
                    var bit = start + i;
                    bytes[i] = (byte)((bits[bit >> 3] >> (bit & 7)) & 1);
                }

                break;
            case Kind.Text:
                var text = (VariableBinaryArray)source;
                var offsets = text.Offsets;
                var data = text.Data;
                for (var i = 0; i < count; i++)
                {
                    var row = start + i;
                    if (source.NullCount > 0 && source.IsNull(row))
                    {
                        continue;
                    }

                    chunk.SetString(columnIndex, i, data[offsets[row]..offsets[row + 1]]);
                }

                break;
            case Kind.Decimal:
                NarrowDecimal(((Decimal128Array)source).Values.Slice(start, count), source, start, column, target);
                break;
            case Kind.TimestampToMicros:
                var values = ((TimestampArray)source).Values.Slice(start, count);
                var micros = (long*)target;
                var unit = source.Type.TimeUnit;
                for (var i = 0; i < values.Length; i++)
                {
                    micros[i] = unit switch
                    {
                        ArrowTimeUnit.Second => values[i] * 1_000_000,
                        ArrowTimeUnit.Millisecond => values[i] * 1_000,
                        _ => Math.DivRem(values[i], 1_000, out var rem) - (rem < 0 ? 1 : 0),
                    };
                }

                break;
        }
    }

    private static void CopyFixed(ArrowArray source, void* target, int start, int count)
    {
        var size = source.Type.BitWidth >> 3;
        ReadOnlySpan<byte> bytes = source switch
        {
            PrimitiveArray<long> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<int> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<short> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<sbyte> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<ulong> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<uint> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<ushort> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<byte> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<float> a => MemoryMarshal.AsBytes(a.Values),
            PrimitiveArray<double> a => MemoryMarshal.AsBytes(a.Values),
            _ => throw new InvalidCastException($"An Arrow {source.Type} column cannot be copied as is."),
        };
        bytes.Slice(start * size, count * size).CopyTo(new Span<byte>(target, count * size));
    }

    private static void WidenSigned(ArrowArray source, DuckDbType storage, void* target, int start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            long value = source switch
            {
                PrimitiveArray<sbyte> a => a.Values[start + i],
                PrimitiveArray<short> a => a.Values[start + i],
                PrimitiveArray<int> a => a.Values[start + i],
                _ => ((PrimitiveArray<long>)source).Values[start + i],
            };
            StoreInteger(storage, target, i, value);
        }
    }

    private static void WidenUnsigned(ArrowArray source, DuckDbType storage, void* target, int start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ulong value = source switch
            {
                PrimitiveArray<byte> a => a.Values[start + i],
                PrimitiveArray<ushort> a => a.Values[start + i],
                PrimitiveArray<uint> a => a.Values[start + i],
                _ => ((PrimitiveArray<ulong>)source).Values[start + i],
            };
            if (storage is DuckDbType.UHugeInt)
            {
                ((DuckDbUHugeInt*)target)[i] = new DuckDbUHugeInt(value);
            }
            else if (storage is DuckDbType.HugeInt)
            {
                ((DuckDbHugeInt*)target)[i] = new DuckDbHugeInt(value);
            }
            else
            {
                // Only wider columns are planned, so the value always fits.
                StoreInteger(storage, target, i, (long)value);
            }
        }
    }

    private static void StoreInteger(DuckDbType storage, void* target, int row, long value)
    {
        switch (storage)
        {
            case DuckDbType.SmallInt: ((short*)target)[row] = (short)value; break;
            case DuckDbType.Integer: ((int*)target)[row] = (int)value; break;
            case DuckDbType.BigInt: ((long*)target)[row] = value; break;
            case DuckDbType.USmallInt: ((ushort*)target)[row] = (ushort)value; break;
            case DuckDbType.UInteger: ((uint*)target)[row] = (uint)value; break;
            case DuckDbType.UBigInt: ((ulong*)target)[row] = (ulong)value; break;
            default: ((DuckDbHugeInt*)target)[row] = new DuckDbHugeInt(value); break;
        }
    }

    private static void NarrowDecimal(ReadOnlySpan<Int128> values, ArrowArray source, int start, in ColumnInfo column, void* target)
    {
        CheckDecimalWidth(values, source, start, column);
        switch (column.Storage)
        {
            case DuckDbType.BigInt:
                var longs = (long*)target;
                for (var i = 0; i < values.Length; i++)
                {
                    longs[i] = (long)values[i];
                }

                break;
            case DuckDbType.Integer:
                var ints = (int*)target;
                for (var i = 0; i < values.Length; i++)
                {
                    ints[i] = (int)values[i];
                }

                break;
            case DuckDbType.SmallInt:
                var shorts = (short*)target;
                for (var i = 0; i < values.Length; i++)
                {
                    shorts[i] = (short)values[i];
                }

                break;
            default:
                var huge = (DuckDbHugeInt*)target;
                for (var i = 0; i < values.Length; i++)
                {
                    huge[i] = new DuckDbHugeInt(values[i]);
                }

                break;
        }
    }

    /// <summary>Throws <see cref="OverflowException"/> for the first value (not under a null) with more digits than the column's width.</summary>
    private static void CheckDecimalWidth(ReadOnlySpan<Int128> values, ArrowArray source, int start, in ColumnInfo column)
    {
        var limit = ValueConvert.Pow10(column.DecimalWidth);
        var nulls = source.NullCount > 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (Int128.Abs(values[i]) >= limit && !(nulls && source.IsNull(start + i)))
            {
                ThrowDecimal(values[i], column);
            }
        }
    }

    private static void ThrowDecimal(Int128 unscaled, in ColumnInfo column) =>
        throw new OverflowException($"The unscaled decimal {unscaled} does not fit DECIMAL({column.DecimalWidth},{column.DecimalScale}).");

    private static string DescribeColumn(in ColumnInfo column) =>
        column.Type == DuckDbType.Decimal ? $"DECIMAL({column.DecimalWidth},{column.DecimalScale})" : column.Alias ?? column.Type.ToString();

    private static DuckDbType SignedOf(int bits) => bits switch
    {
        8 => DuckDbType.TinyInt,
        16 => DuckDbType.SmallInt,
        32 => DuckDbType.Integer,
        _ => DuckDbType.BigInt,
    };

    private static DuckDbType UnsignedOf(int bits) => bits switch
    {
        8 => DuckDbType.UTinyInt,
        16 => DuckDbType.USmallInt,
        32 => DuckDbType.UInteger,
        _ => DuckDbType.UBigInt,
    };

    private static bool IsSigned(DuckDbType type) => type is DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt or DuckDbType.HugeInt;

    private static bool IsUnsigned(DuckDbType type) => type is DuckDbType.UTinyInt or DuckDbType.USmallInt or DuckDbType.UInteger or DuckDbType.UBigInt or DuckDbType.UHugeInt;
}
