using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// Reads one value of a flat vector as a .NET type. The type tests on <c>T</c> are folded by the JIT,
/// so each instantiation is a direct read with no boxing. Conversions are exact or throw: integers
/// of any width to any integer type that holds the value, numbers to <see cref="double"/> and
/// <see cref="decimal"/>, timestamps of any unit to <see cref="DateTime"/>/<see cref="DateTimeOffset"/>.
/// </summary>
internal static unsafe class ValueReader
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsValid(ulong* validity, int row) => validity == null || (validity[row >> 6] & (1UL << (row & 63))) != 0;

    internal static T Read<T>(in ColumnInfo column, void* data, ulong* validity, int row)
    {
        if (!IsValid(validity, row))
        {
            if (default(T) is null)
            {
                return default!;
            }

            ThrowNull(column, typeof(T));
        }

        if (typeof(T) == typeof(long)) { var v = checked((long)Integer(column, data, row)); return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(long?)) { long? v = checked((long)Integer(column, data, row)); return Unsafe.As<long?, T>(ref v); }
        if (typeof(T) == typeof(int)) { var v = checked((int)Integer(column, data, row)); return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(int?)) { int? v = checked((int)Integer(column, data, row)); return Unsafe.As<int?, T>(ref v); }
        if (typeof(T) == typeof(string)) { return (T)(object)Encoding.UTF8.GetString(Text(column, data, row)); }
        if (typeof(T) == typeof(double)) { var v = Double(column, data, row); return Unsafe.As<double, T>(ref v); }
        if (typeof(T) == typeof(double?)) { double? v = Double(column, data, row); return Unsafe.As<double?, T>(ref v); }
        if (typeof(T) == typeof(decimal)) { var v = Decimal(column, data, row); return Unsafe.As<decimal, T>(ref v); }
        if (typeof(T) == typeof(decimal?)) { decimal? v = Decimal(column, data, row); return Unsafe.As<decimal?, T>(ref v); }
        if (typeof(T) == typeof(bool)) { var v = Boolean(column, data, row); return Unsafe.As<bool, T>(ref v); }
        if (typeof(T) == typeof(bool?)) { bool? v = Boolean(column, data, row); return Unsafe.As<bool?, T>(ref v); }
        if (typeof(T) == typeof(short)) { var v = checked((short)Integer(column, data, row)); return Unsafe.As<short, T>(ref v); }
        if (typeof(T) == typeof(short?)) { short? v = checked((short)Integer(column, data, row)); return Unsafe.As<short?, T>(ref v); }
        if (typeof(T) == typeof(sbyte)) { var v = checked((sbyte)Integer(column, data, row)); return Unsafe.As<sbyte, T>(ref v); }
        if (typeof(T) == typeof(sbyte?)) { sbyte? v = checked((sbyte)Integer(column, data, row)); return Unsafe.As<sbyte?, T>(ref v); }
        if (typeof(T) == typeof(byte)) { var v = checked((byte)Integer(column, data, row)); return Unsafe.As<byte, T>(ref v); }
        if (typeof(T) == typeof(byte?)) { byte? v = checked((byte)Integer(column, data, row)); return Unsafe.As<byte?, T>(ref v); }
        if (typeof(T) == typeof(ushort)) { var v = checked((ushort)Integer(column, data, row)); return Unsafe.As<ushort, T>(ref v); }
        if (typeof(T) == typeof(ushort?)) { ushort? v = checked((ushort)Integer(column, data, row)); return Unsafe.As<ushort?, T>(ref v); }
        if (typeof(T) == typeof(uint)) { var v = checked((uint)Integer(column, data, row)); return Unsafe.As<uint, T>(ref v); }
        if (typeof(T) == typeof(uint?)) { uint? v = checked((uint)Integer(column, data, row)); return Unsafe.As<uint?, T>(ref v); }
        if (typeof(T) == typeof(ulong)) { var v = checked((ulong)Integer(column, data, row)); return Unsafe.As<ulong, T>(ref v); }
        if (typeof(T) == typeof(ulong?)) { ulong? v = checked((ulong)Integer(column, data, row)); return Unsafe.As<ulong?, T>(ref v); }
        if (typeof(T) == typeof(Int128)) { var v = Integer(column, data, row); return Unsafe.As<Int128, T>(ref v); }
        if (typeof(T) == typeof(Int128?)) { Int128? v = Integer(column, data, row); return Unsafe.As<Int128?, T>(ref v); }
        if (typeof(T) == typeof(UInt128)) { var v = UnsignedHuge(column, data, row); return Unsafe.As<UInt128, T>(ref v); }
        if (typeof(T) == typeof(UInt128?)) { UInt128? v = UnsignedHuge(column, data, row); return Unsafe.As<UInt128?, T>(ref v); }
        if (typeof(T) == typeof(float)) { var v = (float)Double(column, data, row); return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(float?)) { float? v = (float)Double(column, data, row); return Unsafe.As<float?, T>(ref v); }
        if (typeof(T) == typeof(byte[])) { return (T)(object)Bytes(column, data, row).ToArray(); }
        if (typeof(T) == typeof(DateTime)) { var v = DateTimeValue(column, data, row); return Unsafe.As<DateTime, T>(ref v); }
        if (typeof(T) == typeof(DateTime?)) { DateTime? v = DateTimeValue(column, data, row); return Unsafe.As<DateTime?, T>(ref v); }
        if (typeof(T) == typeof(DateTimeOffset)) { var v = DateTimeOffsetValue(column, data, row); return Unsafe.As<DateTimeOffset, T>(ref v); }
        if (typeof(T) == typeof(DateTimeOffset?)) { DateTimeOffset? v = DateTimeOffsetValue(column, data, row); return Unsafe.As<DateTimeOffset?, T>(ref v); }
        if (typeof(T) == typeof(DateOnly)) { var v = DateValue(column, data, row); return Unsafe.As<DateOnly, T>(ref v); }
        if (typeof(T) == typeof(DateOnly?)) { DateOnly? v = DateValue(column, data, row); return Unsafe.As<DateOnly?, T>(ref v); }
        if (typeof(T) == typeof(TimeOnly)) { var v = TimeValue(column, data, row); return Unsafe.As<TimeOnly, T>(ref v); }
        if (typeof(T) == typeof(TimeOnly?)) { TimeOnly? v = TimeValue(column, data, row); return Unsafe.As<TimeOnly?, T>(ref v); }
        if (typeof(T) == typeof(TimeSpan)) { var v = TimeSpanValue(column, data, row); return Unsafe.As<TimeSpan, T>(ref v); }
        if (typeof(T) == typeof(TimeSpan?)) { TimeSpan? v = TimeSpanValue(column, data, row); return Unsafe.As<TimeSpan?, T>(ref v); }
        if (typeof(T) == typeof(Guid)) { var v = GuidValue(column, data, row); return Unsafe.As<Guid, T>(ref v); }
        if (typeof(T) == typeof(Guid?)) { Guid? v = GuidValue(column, data, row); return Unsafe.As<Guid?, T>(ref v); }

        ThrowUnsupported(typeof(T));
        return default;
    }

    /// <summary>The bytes of a VARCHAR or BLOB value, valid while the chunk is.</summary>
    internal static ReadOnlySpan<byte> Bytes(scoped in ColumnInfo column, void* data, int row)
    {
        if (column.Storage is not (DuckDbType.Varchar or DuckDbType.Blob))
        {
            ThrowCast(column, "bytes");
        }

        return DuckDbStringT.Read((DuckDbStringT*)data + row);
    }

    internal static ReadOnlySpan<byte> Text(scoped in ColumnInfo column, void* data, int row)
    {
        if (column.Storage != DuckDbType.Varchar)
        {
            ThrowCast(column, nameof(String));
        }

        return DuckDbStringT.Read((DuckDbStringT*)data + row);
    }

    /// <summary>Any integer column, or a DECIMAL with scale 0.</summary>
    internal static Int128 Integer(in ColumnInfo column, void* data, int row)
    {
        if (column.Type == DuckDbType.Decimal && column.DecimalScale != 0)
        {
            ThrowCast(column, "an integer");
        }

        return column.Storage switch
        {
            DuckDbType.TinyInt => ((sbyte*)data)[row],
            DuckDbType.SmallInt => ((short*)data)[row],
            DuckDbType.Integer => ((int*)data)[row],
            DuckDbType.BigInt => ((long*)data)[row],
            DuckDbType.UTinyInt => ((byte*)data)[row],
            DuckDbType.USmallInt => ((ushort*)data)[row],
            DuckDbType.UInteger => ((uint*)data)[row],
            DuckDbType.UBigInt => ((ulong*)data)[row],
            DuckDbType.HugeInt => ((DuckDbHugeInt*)data)[row].ToInt128(),
            DuckDbType.UHugeInt => checked((Int128)((DuckDbUHugeInt*)data)[row].ToUInt128()),
            _ => ThrowCastInteger(column),
        };
    }

    private static UInt128 UnsignedHuge(in ColumnInfo column, void* data, int row) =>
        column.Storage == DuckDbType.UHugeInt ? ((DuckDbUHugeInt*)data)[row].ToUInt128() : checked((UInt128)Integer(column, data, row));

    internal static double Double(in ColumnInfo column, void* data, int row) => column.Type switch
    {
        DuckDbType.Double => ((double*)data)[row],
        DuckDbType.Float => ((float*)data)[row],
        DuckDbType.Decimal => (double)Decimal(column, data, row),
        _ => (double)Integer(column, data, row),
    };

    internal static decimal Decimal(in ColumnInfo column, void* data, int row) => column.Type switch
    {
        DuckDbType.Decimal => ValueConvert.DecimalFromUnscaled(Unscaled(column, data, row), column.DecimalScale),
        DuckDbType.Double => (decimal)((double*)data)[row],
        DuckDbType.Float => (decimal)((float*)data)[row],
        _ => (decimal)Integer(column, data, row),
    };

    /// <summary>The unscaled integer of a DECIMAL value.</summary>
    internal static Int128 Unscaled(in ColumnInfo column, void* data, int row) => column.Storage switch
    {
        DuckDbType.SmallInt => ((short*)data)[row],
        DuckDbType.Integer => ((int*)data)[row],
        DuckDbType.BigInt => ((long*)data)[row],
        DuckDbType.HugeInt => ((DuckDbHugeInt*)data)[row].ToInt128(),
        _ => ThrowCastInteger(column),
    };

    private static bool Boolean(in ColumnInfo column, void* data, int row)
    {
        if (column.Type != DuckDbType.Boolean)
        {
            ThrowCast(column, nameof(System.Boolean));
        }

        return ((byte*)data)[row] != 0;
    }

    private static DateTime DateTimeValue(in ColumnInfo column, void* data, int row) => column.Type switch
    {
        DuckDbType.TimestampTz => ValueConvert.DateTimeFromMicros(((long*)data)[row], DateTimeKind.Utc),
        DuckDbType.Timestamp or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs =>
            ValueConvert.DateTimeFromMicros(ValueConvert.MicrosFromUnit(((long*)data)[row], column.Type), DateTimeKind.Unspecified),
        DuckDbType.Date => ValueConvert.DateFromDays(((int*)data)[row]).ToDateTime(TimeOnly.MinValue),
        _ => ThrowCastDateTime(column),
    };

    private static DateTimeOffset DateTimeOffsetValue(in ColumnInfo column, void* data, int row) =>
        new(DateTime.SpecifyKind(DateTimeValue(column, data, row), DateTimeKind.Utc));

    private static DateOnly DateValue(in ColumnInfo column, void* data, int row)
    {
        if (column.Type != DuckDbType.Date)
        {
            ThrowCast(column, nameof(DateOnly));
        }

        return ValueConvert.DateFromDays(((int*)data)[row]);
    }

    private static TimeOnly TimeValue(in ColumnInfo column, void* data, int row)
    {
        if (column.Type != DuckDbType.Time)
        {
            ThrowCast(column, nameof(TimeOnly));
        }

        return ValueConvert.TimeFromMicros(((long*)data)[row]);
    }

    private static TimeSpan TimeSpanValue(in ColumnInfo column, void* data, int row) => column.Type switch
    {
        DuckDbType.Interval => ValueConvert.TimeSpanFromInterval(((DuckDbInterval*)data)[row]),
        DuckDbType.Time => TimeSpan.FromTicks(((long*)data)[row] * 10),
        _ => ThrowCastTimeSpan(column),
    };

    private static Guid GuidValue(in ColumnInfo column, void* data, int row)
    {
        if (column.Type != DuckDbType.Uuid)
        {
            ThrowCast(column, nameof(Guid));
        }

        return ValueConvert.GuidFromUuid(((DuckDbHugeInt*)data)[row]);
    }

    [DoesNotReturn]
    private static void ThrowNull(in ColumnInfo column, Type type) =>
        throw new InvalidCastException($"Column '{column.Name}' is NULL in this row; read it as {type.Name}? to get null.");

    [DoesNotReturn]
    internal static void ThrowCast(in ColumnInfo column, string target) =>
        throw new InvalidCastException($"Column '{column.Name}' of type {column.Type} cannot be read as {target}.");

    [DoesNotReturn]
    private static void ThrowUnsupported(Type type) =>
        throw new NotSupportedException($"Reading DuckDB values as {type} is not supported.");

    [DoesNotReturn]
    private static Int128 ThrowCastInteger(in ColumnInfo column) =>
        throw new InvalidCastException($"Column '{column.Name}' of type {column.Type} cannot be read as an integer.");

    [DoesNotReturn]
    private static DateTime ThrowCastDateTime(in ColumnInfo column) =>
        throw new InvalidCastException($"Column '{column.Name}' of type {column.Type} cannot be read as a DateTime.");

    [DoesNotReturn]
    private static TimeSpan ThrowCastTimeSpan(in ColumnInfo column) =>
        throw new InvalidCastException($"Column '{column.Name}' of type {column.Type} cannot be read as a TimeSpan.");
}
