using System.Runtime.CompilerServices;
using System.Text;
using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// The typed values of a row, written in column order. Each value must suit its column: integers into
/// any integer column that holds them (or DECIMAL, DOUBLE, FLOAT), <see cref="decimal"/> into DECIMAL
/// (rounded half away from zero to its scale), DOUBLE or FLOAT, text into VARCHAR/JSON, timestamps into
/// TIMESTAMP/TIMESTAMPTZ; anything else throws <see cref="InvalidCastException"/> and fails the appender.
/// </summary>
public sealed unsafe partial class DuckDbAppender
{
    private byte[]? _scratch;

    /// <summary>Appends NULL to the next column.</summary>
    /// <returns>This appender.</returns>
    public DuckDbAppender AppendNull()
    {
        var column = NextColumn(out var chunk);
        chunk.SetNull(column, chunk.Count);
        _column++;
        return this;
    }

    /// <summary>Appends a BOOLEAN.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(bool value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type != DuckDbType.Boolean)
        {
            ThrowMismatch(column, nameof(Boolean));
        }

        ((byte*)chunk.Data(column))[chunk.Count] = value ? (byte)1 : (byte)0;
        _column++;
        return this;
    }

    /// <summary>Appends an integer to any integer, DECIMAL, DOUBLE or FLOAT column that holds it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(long value)
    {
        var column = NextColumn(out var chunk);
        var data = chunk.Data(column);
        var row = chunk.Count;
        ref readonly var info = ref _columns[column];
        try
        {
            switch (info.Type)
            {
                case DuckDbType.BigInt: ((long*)data)[row] = value; break;
                case DuckDbType.Integer: ((int*)data)[row] = checked((int)value); break;
                case DuckDbType.SmallInt: ((short*)data)[row] = checked((short)value); break;
                case DuckDbType.TinyInt: ((sbyte*)data)[row] = checked((sbyte)value); break;
                case DuckDbType.UBigInt: ((ulong*)data)[row] = checked((ulong)value); break;
                case DuckDbType.UInteger: ((uint*)data)[row] = checked((uint)value); break;
                case DuckDbType.USmallInt: ((ushort*)data)[row] = checked((ushort)value); break;
                case DuckDbType.UTinyInt: ((byte*)data)[row] = checked((byte)value); break;
                case DuckDbType.HugeInt: ((DuckDbHugeInt*)data)[row] = new DuckDbHugeInt(value); break;
                case DuckDbType.UHugeInt: ((DuckDbUHugeInt*)data)[row] = new DuckDbUHugeInt(checked((UInt128)value)); break;
                case DuckDbType.Double: ((double*)data)[row] = value; break;
                case DuckDbType.Float: ((float*)data)[row] = value; break;
                case DuckDbType.Decimal: WriteUnscaled(info, data, row, checked((Int128)value * ValueConvert.Pow10(info.DecimalScale))); break;
                default: ThrowMismatch(column, "an integer"); break;
            }
        }
        catch (OverflowException)
        {
            Fail();
            throw;
        }

        _column++;
        return this;
    }

    /// <summary>Appends an integer (see <see cref="Append(long)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(int value) => Append((long)value);

    /// <summary>Appends an integer (see <see cref="Append(long)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(short value) => Append((long)value);

    /// <summary>Appends a UBIGINT (or a smaller integer column that holds it).</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(ulong value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type == DuckDbType.UBigInt)
        {
            ((ulong*)chunk.Data(column))[chunk.Count] = value;
            _column++;
            return this;
        }

        if (value > long.MaxValue)
        {
            Fail();
            throw new OverflowException($"{value} does not fit column {column} ({_columns[column].Type}).");
        }

        return Append((long)value);
    }

    /// <summary>Appends a DOUBLE or FLOAT.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(double value)
    {
        var column = NextColumn(out var chunk);
        switch (_columns[column].Type)
        {
            case DuckDbType.Double: ((double*)chunk.Data(column))[chunk.Count] = value; break;
            case DuckDbType.Float: ((float*)chunk.Data(column))[chunk.Count] = (float)value; break;
            default: ThrowMismatch(column, nameof(Double)); break;
        }

        _column++;
        return this;
    }

    /// <summary>Appends a decimal to a DECIMAL (rounded to its scale, checked against its width), DOUBLE or FLOAT column.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(decimal value)
    {
        var column = NextColumn(out var chunk);
        ref readonly var info = ref _columns[column];
        switch (info.Type)
        {
            case DuckDbType.Decimal:
                Int128 unscaled;
                try
                {
                    unscaled = ValueConvert.UnscaledFromDecimal(value, info.DecimalScale, info.DecimalWidth);
                }
                catch (OverflowException)
                {
                    Fail();
                    throw;
                }

                WriteUnscaled(info, chunk.Data(column), chunk.Count, unscaled);
                break;
            case DuckDbType.Double: ((double*)chunk.Data(column))[chunk.Count] = (double)value; break;
            case DuckDbType.Float: ((float*)chunk.Data(column))[chunk.Count] = (float)value; break;
            default: ThrowMismatch(column, nameof(Decimal)); break;
        }

        _column++;
        return this;
    }

    /// <summary>Appends text to a VARCHAR (or JSON) column, or NULL when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The text.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(string? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        var column = NextColumn(out var chunk);
        if (_columns[column].Storage != DuckDbType.Varchar)
        {
            ThrowMismatch(column, nameof(String));
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_scratch is null || _scratch.Length < max)
        {
            _scratch = new byte[Math.Max(max, 256)];
        }

        // .NET's encoder never produces invalid UTF-8 (lone surrogates become U+FFFD), so no check is needed.
        var length = Encoding.UTF8.GetBytes(value, _scratch);
        chunk.SetString(column, chunk.Count, _scratch.AsSpan(0, length));
        _column++;
        return this;
    }

    /// <summary>Appends text given as UTF-8 bytes to a VARCHAR (or JSON) column.</summary>
    /// <param name="utf8">The text's bytes.</param>
    /// <returns>This appender.</returns>
    /// <exception cref="ArgumentException">The bytes are not valid UTF-8 (the appender fails).</exception>
    public DuckDbAppender AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Storage != DuckDbType.Varchar)
        {
            ThrowMismatch(column, "UTF-8 text");
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            Fail();
            throw new ArgumentException("The bytes are not valid UTF-8.", nameof(utf8));
        }

        chunk.SetString(column, chunk.Count, utf8);
        _column++;
        return this;
    }

    /// <summary>Appends bytes to a BLOB column.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender AppendBlob(ReadOnlySpan<byte> value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Storage != DuckDbType.Blob)
        {
            ThrowMismatch(column, "a BLOB");
        }

        chunk.SetString(column, chunk.Count, value);
        _column++;
        return this;
    }

    /// <summary>Appends a DATE.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(DateOnly value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type != DuckDbType.Date)
        {
            ThrowMismatch(column, nameof(DateOnly));
        }

        ((int*)chunk.Data(column))[chunk.Count] = ValueConvert.DaysFromDate(value);
        _column++;
        return this;
    }

    /// <summary>Appends a TIME.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(TimeOnly value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type != DuckDbType.Time)
        {
            ThrowMismatch(column, nameof(TimeOnly));
        }

        ((long*)chunk.Data(column))[chunk.Count] = ValueConvert.MicrosFromTime(value);
        _column++;
        return this;
    }

    /// <summary>
    /// Appends a timestamp to a TIMESTAMP column (its wall-clock value) or a TIMESTAMPTZ column (a
    /// <see cref="DateTimeKind.Local"/> value is converted to UTC, others are taken as UTC).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(DateTime value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type == DuckDbType.TimestampTz && value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        WriteTimestamp(column, chunk, ValueConvert.MicrosFromDateTime(value));
        return this;
    }

    /// <summary>Appends an instant to a TIMESTAMPTZ column (or its UTC value to a TIMESTAMP column).</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(DateTimeOffset value)
    {
        var column = NextColumn(out var chunk);
        WriteTimestamp(column, chunk, ValueConvert.MicrosFromDateTimeOffset(value));
        return this;
    }

    /// <summary>Appends an INTERVAL of whole days and microseconds.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(TimeSpan value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type != DuckDbType.Interval)
        {
            ThrowMismatch(column, nameof(TimeSpan));
        }

        ((DuckDbInterval*)chunk.Data(column))[chunk.Count] = ValueConvert.IntervalFromTimeSpan(value);
        _column++;
        return this;
    }

    /// <summary>Appends a UUID.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This appender.</returns>
    public DuckDbAppender Append(Guid value)
    {
        var column = NextColumn(out var chunk);
        if (_columns[column].Type != DuckDbType.Uuid)
        {
            ThrowMismatch(column, nameof(Guid));
        }

        ((DuckDbHugeInt*)chunk.Data(column))[chunk.Count] = ValueConvert.StoredUuidFromGuid(value);
        _column++;
        return this;
    }

    private void WriteTimestamp(int column, ChunkBuilder chunk, long micros)
    {
        var type = _columns[column].Type;
        var data = (long*)chunk.Data(column);
        switch (type)
        {
            case DuckDbType.Timestamp or DuckDbType.TimestampTz: data[chunk.Count] = micros; break;
            case DuckDbType.TimestampMs: data[chunk.Count] = Math.DivRem(micros, 1000, out var rem) - (rem < 0 ? 1 : 0); break;
            case DuckDbType.TimestampS: data[chunk.Count] = Math.DivRem(micros, 1_000_000, out var rs) - (rs < 0 ? 1 : 0); break;
            case DuckDbType.TimestampNs:
                try
                {
                    data[chunk.Count] = checked(micros * 1000);
                }
                catch (OverflowException)
                {
                    Fail();
                    throw;
                }

                break;
            default: ThrowMismatch(column, "a timestamp"); break;
        }

        _column++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteUnscaled(in ColumnInfo info, void* data, int row, Int128 unscaled)
    {
        if (Int128.Abs(unscaled) >= ValueConvert.Pow10(info.DecimalWidth))
        {
            throw new OverflowException($"The value does not fit DECIMAL({info.DecimalWidth},{info.DecimalScale}).");
        }

        switch (info.Storage)
        {
            case DuckDbType.SmallInt: ((short*)data)[row] = (short)unscaled; break;
            case DuckDbType.Integer: ((int*)data)[row] = (int)unscaled; break;
            case DuckDbType.BigInt: ((long*)data)[row] = (long)unscaled; break;
            default: ((DuckDbHugeInt*)data)[row] = new DuckDbHugeInt(unscaled); break;
        }
    }

    private void ThrowMismatch(int column, string what)
    {
        Fail();
        throw new InvalidCastException($"Column {column} of the table is {_columns[column].Type}; it cannot take {what}.");
    }
}
