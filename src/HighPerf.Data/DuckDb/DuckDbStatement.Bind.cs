using System.Text;
using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>Typed parameter binding: each value is copied into the statement; no boxing.</summary>
public sealed partial class DuckDbStatement
{
    /// <summary>Binds NULL to parameter <paramref name="index"/> (1-based).</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement BindNull(int index) => Bound(NativeMethods.BindNull(Checked(index), (ulong)index), index);

    /// <summary>Binds a BOOLEAN.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, bool value) => Bound(NativeMethods.BindBoolean(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a TINYINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, sbyte value) => Bound(NativeMethods.BindInt8(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a SMALLINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, short value) => Bound(NativeMethods.BindInt16(Checked(index), (ulong)index, value), index);

    /// <summary>Binds an INTEGER.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, int value) => Bound(NativeMethods.BindInt32(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a BIGINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, long value) => Bound(NativeMethods.BindInt64(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a HUGEINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, Int128 value) => Bound(NativeMethods.BindHugeInt(Checked(index), (ulong)index, new DuckDbHugeInt(value)), index);

    /// <summary>Binds a UTINYINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, byte value) => Bound(NativeMethods.BindUInt8(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a USMALLINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, ushort value) => Bound(NativeMethods.BindUInt16(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a UINTEGER.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, uint value) => Bound(NativeMethods.BindUInt32(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a UBIGINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, ulong value) => Bound(NativeMethods.BindUInt64(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a UHUGEINT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, UInt128 value) => Bound(NativeMethods.BindUHugeInt(Checked(index), (ulong)index, new DuckDbUHugeInt(value)), index);

    /// <summary>Binds a FLOAT.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, float value) => Bound(NativeMethods.BindFloat(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a DOUBLE.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, double value) => Bound(NativeMethods.BindDouble(Checked(index), (ulong)index, value), index);

    /// <summary>Binds a DECIMAL(38, s) with the value's own scale s; DuckDB casts it to the parameter's type.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, decimal value)
    {
        var scale = value.Scale;
        var native = new DuckDbDecimal
        {
            Width = 38,
            Scale = scale,
            Value = new DuckDbHugeInt(ValueConvert.UnscaledFromDecimal(value, scale, 0)),
        };
        return Bound(NativeMethods.BindDecimal(Checked(index), (ulong)index, native), index);
    }

    /// <summary>Binds a VARCHAR (as UTF-8), or NULL when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The text.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, string? value)
    {
        if (value is null)
        {
            return BindNull(index);
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var rented = length <= 512 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> utf8 = rented is null ? stackalloc byte[512] : rented;
            var written = Encoding.UTF8.GetBytes(value, utf8);
            return BindUtf8(index, utf8[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Binds a VARCHAR given as UTF-8 bytes (checked to be valid UTF-8).</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="utf8">The text's bytes.</param>
    /// <returns>This statement.</returns>
    /// <exception cref="ArgumentException">The bytes are not valid UTF-8.</exception>
    public unsafe DuckDbStatement BindUtf8(int index, ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw new ArgumentException("The bytes are not valid UTF-8.", nameof(utf8));
        }

        fixed (byte* p = utf8)
        {
            // A null pointer would mean NULL to DuckDB; an empty string needs a real address.
            byte empty = 0;
            return Bound(NativeMethods.BindVarcharLength(Checked(index), (ulong)index, p == null ? &empty : p, (ulong)utf8.Length), index);
        }
    }

    /// <summary>Binds a BLOB.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The bytes.</param>
    /// <returns>This statement.</returns>
    public unsafe DuckDbStatement BindBlob(int index, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            byte empty = 0;
            return Bound(NativeMethods.BindBlob(Checked(index), (ulong)index, p == null ? &empty : p, (ulong)value.Length), index);
        }
    }

    /// <summary>Binds a DATE.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, DateOnly value) => Bound(NativeMethods.BindDate(Checked(index), (ulong)index, ValueConvert.DaysFromDate(value)), index);

    /// <summary>Binds a TIME (to the microsecond).</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, TimeOnly value) => Bound(NativeMethods.BindTime(Checked(index), (ulong)index, ValueConvert.MicrosFromTime(value)), index);

    /// <summary>
    /// Binds a timestamp (to the microsecond): TIMESTAMPTZ for a <see cref="DateTimeKind.Utc"/> value, TIMESTAMP
    /// (the wall-clock value as given) otherwise, as Npgsql does.
    /// </summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, DateTime value) => Bound(
        value.Kind == DateTimeKind.Utc
            ? NativeMethods.BindTimestampTz(Checked(index), (ulong)index, ValueConvert.MicrosFromDateTime(value))
            : NativeMethods.BindTimestamp(Checked(index), (ulong)index, ValueConvert.MicrosFromDateTime(value)),
        index);

    /// <summary>Binds a TIMESTAMPTZ (the instant, to the microsecond).</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, DateTimeOffset value) => Bound(NativeMethods.BindTimestampTz(Checked(index), (ulong)index, ValueConvert.MicrosFromDateTimeOffset(value)), index);

    /// <summary>Binds an INTERVAL of whole days and microseconds.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, TimeSpan value) => Bound(NativeMethods.BindInterval(Checked(index), (ulong)index, ValueConvert.IntervalFromTimeSpan(value)), index);

    /// <summary>Binds a UUID.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    /// <param name="value">The value.</param>
    /// <returns>This statement.</returns>
    public DuckDbStatement Bind(int index, Guid value)
    {
        var handle = Checked(index);
        var uuid = NativeMethods.CreateUuid(ValueConvert.UuidFromGuid(value));
        try
        {
            return Bound(NativeMethods.BindValue(handle, (ulong)index, uuid), index);
        }
        finally
        {
            NativeMethods.DestroyValue(ref uuid);
        }
    }

    private SafePreparedStatementHandle Checked(int index)
    {
        CheckIndex(index);
        return Handle;
    }

    private DuckDbStatement Bound(DuckDbState state, int index)
    {
        Check(state, index);
        return this;
    }
}
