using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Postgres;

/// <summary>
/// Writes one Arrow column's values in PostgreSQL's binary COPY form (int32 length, -1 for null, then the bytes
/// of the target type's <c>*_recv</c>). <see cref="TryWrite"/> returns false when the value does not fit in the
/// space left, so the writer can flush and try the row again.
/// </summary>
internal abstract unsafe class ColumnEncoder
{
    // The arrays' memory is native and never moves, so raw pointers taken once per batch stay valid while it lives;
    // they spare every value the array accessors' disposal and bounds checks.
    private readonly byte* _validity;

    private protected ColumnEncoder(string name, ArrowArray? array = null)
    {
        Name = name;
        if (array is { NullCount: > 0 })
        {
            _validity = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(array.ValidityBitmap));
        }
    }

    public string Name { get; }

    /// <summary>The encoder of <paramref name="array"/> into a column of type <paramref name="oid"/> (checked by <c>DataSetTypeMap.PostgresAccepts</c>).</summary>
    public static ColumnEncoder Create(string name, ArrowArray array, uint oid) => array switch
    {
        NullArray => new NullEncoder(name),
        Int16Array a => new IntegerEncoder<short>(name, a, Width(oid)),
        Int32Array a => new IntegerEncoder<int>(name, a, Width(oid)),
        Int64Array a => new IntegerEncoder<long>(name, a, Width(oid)),
        Float32Array a when oid == PgOid.Float4 => new Float4Encoder(name, a),
        Float32Array a => new Float32To8Encoder(name, a),
        Float64Array a => new Float8Encoder(name, a),
        BooleanArray a => new BoolEncoder(name, a),
        Date32Array a => new DateEncoder(name, a),
        TimestampArray a => new TimestampEncoder(name, a),
        Decimal128Array a => new DecimalEncoder(name, a),
        StringArray a when oid == PgOid.Jsonb => new BytesEncoder(name, a, jsonbVersion: true),
        StringArray a when oid == PgOid.Uuid => new UuidEncoder(name, a),
        StringArray a when oid == PgOid.Numeric => new NumericTextEncoder(name, a),
        VariableBinaryArray a => new BytesEncoder(name, a, jsonbVersion: false),
        _ => throw new PostgresArrowException(PostgresArrowErrorKind.UnsupportedType, $"Column '{name}': Arrow {array.Type} has no binary COPY encoder.", columnName: name),
    };

    /// <summary>Writes value <paramref name="row"/> at <paramref name="pos"/> and moves it on; false (nothing kept) when it does not fit.</summary>
    public abstract bool TryWrite(int row, Span<byte> destination, ref int pos);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected bool IsNull(int row) => _validity != null && (_validity[row >> 3] & (1 << (row & 7))) == 0;

    private protected static T* ValuesOf<T>(PrimitiveArray<T> array)
        where T : unmanaged => (T*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(array.Values));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected static bool TryWriteNull(Span<byte> destination, ref int pos)
    {
        if (destination.Length - pos < 4)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], -1);
        pos += 4;
        return true;
    }

    private static int Width(uint oid) => oid switch
    {
        PgOid.Int2 => 2,
        PgOid.Int4 => 4,
        _ => 8,
    };
}

internal sealed class NullEncoder(string name) : ColumnEncoder(name)
{
    public override bool TryWrite(int row, Span<byte> destination, ref int pos) => TryWriteNull(destination, ref pos);
}

internal sealed unsafe class IntegerEncoder<T>(string name, PrimitiveArray<T> array, int width) : ColumnEncoder(name, array)
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly T* _values = ValuesOf(array);


    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 4 + width)
        {
            return false;
        }

        var span = destination[pos..];
        BinaryPrimitives.WriteInt32BigEndian(span, width);
        var value = long.CreateTruncating(_values[row]);
        switch (width)
        {
            case 2: BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)value); break;
            case 4: BinaryPrimitives.WriteInt32BigEndian(span[4..], (int)value); break;
            default: BinaryPrimitives.WriteInt64BigEndian(span[4..], value); break;
        }

        pos += 4 + width;
        return true;
    }
}

internal sealed unsafe class Float4Encoder(string name, Float32Array array) : ColumnEncoder(name, array)
{
    private readonly float* _values = ValuesOf(array);


    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 8)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 4);
        BinaryPrimitives.WriteSingleBigEndian(destination[(pos + 4)..], _values[row]);
        pos += 8;
        return true;
    }
}

internal sealed unsafe class Float32To8Encoder(string name, Float32Array array) : ColumnEncoder(name, array)
{
    private readonly float* _values = ValuesOf(array);


    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 12)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 8);
        BinaryPrimitives.WriteDoubleBigEndian(destination[(pos + 4)..], _values[row]);
        pos += 12;
        return true;
    }
}

internal sealed unsafe class Float8Encoder(string name, Float64Array array) : ColumnEncoder(name, array)
{
    private readonly double* _values = ValuesOf(array);


    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 12)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 8);
        BinaryPrimitives.WriteDoubleBigEndian(destination[(pos + 4)..], _values[row]);
        pos += 12;
        return true;
    }
}

internal sealed unsafe class BoolEncoder(string name, BooleanArray array) : ColumnEncoder(name, array)
{
    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 5)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 1);
        destination[pos + 4] = array.GetValue(row) ? (byte)1 : (byte)0;
        pos += 5;
        return true;
    }
}

internal sealed unsafe class DateEncoder(string name, Date32Array array) : ColumnEncoder(name, array)
{
    private readonly int* _values = ValuesOf(array);


    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 8)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 4);
        BinaryPrimitives.WriteInt32BigEndian(destination[(pos + 4)..], PgEpoch.DateFromArrow(_values[row]));
        pos += 8;
        return true;
    }
}

internal sealed unsafe class TimestampEncoder(string name, TimestampArray array) : ColumnEncoder(name, array)
{
    private readonly long* _values = ValuesOf(array);


    private readonly ArrowTimeUnit _unit = array.Type.TimeUnit;

    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 12)
        {
            return false;
        }

        var value = _values[row];
        var micros = value is long.MaxValue or long.MinValue ? value : _unit switch
        {
            ArrowTimeUnit.Second => value * 1_000_000,
            ArrowTimeUnit.Millisecond => value * 1_000,
            ArrowTimeUnit.Nanosecond => value >= 0 ? value / 1_000 : ((value + 1) / 1_000) - 1,
            _ => value,
        };
        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 8);
        BinaryPrimitives.WriteInt64BigEndian(destination[(pos + 4)..], PgEpoch.TimestampFromArrow(micros));
        pos += 12;
        return true;
    }
}

internal sealed unsafe class DecimalEncoder(string name, Decimal128Array array) : ColumnEncoder(name, array)
{
    private readonly Int128* _values = ValuesOf(array);


    private readonly int _scale = array.Type.Scale;

    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 4 + PgNumeric.MaxDecimal128Bytes)
        {
            return false;
        }

        var written = PgNumeric.WriteUnscaled(_values[row], _scale, destination[(pos + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], written);
        pos += 4 + written;
        return true;
    }
}

internal sealed unsafe class BytesEncoder(string name, VariableBinaryArray array, bool jsonbVersion) : ColumnEncoder(name, array)
{
    private readonly int* _offsets = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(array.Offsets));
    private readonly byte* _data = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(array.Data));


    private readonly int _prefix = jsonbVersion ? 1 : 0;

    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        var start = _offsets[row];
        var bytes = new ReadOnlySpan<byte>(_data + start, _offsets[row + 1] - start);
        var length = bytes.Length + _prefix;
        if (destination.Length - pos < 4 + length)
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], length);
        if (_prefix != 0)
        {
            // jsonb_recv reads a format version byte before the text.
            destination[pos + 4] = 1;
        }

        bytes.CopyTo(destination[(pos + 4 + _prefix)..]);
        pos += 4 + length;
        return true;
    }
}

internal sealed unsafe class UuidEncoder(string name, StringArray array) : ColumnEncoder(name, array)
{
    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        if (destination.Length - pos < 20)
        {
            return false;
        }

        if (!PgUuid.TryParse(array.GetBytes(row), destination[(pos + 4)..]))
        {
            throw new PgValueException(Name, "is not a uuid");
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], 16);
        pos += 20;
        return true;
    }
}

internal sealed unsafe class NumericTextEncoder(string name, StringArray array) : ColumnEncoder(name, array)
{
    public override bool TryWrite(int row, Span<byte> destination, ref int pos)
    {
        if (IsNull(row))
        {
            return TryWriteNull(destination, ref pos);
        }

        var text = array.GetBytes(row);
        if (destination.Length - pos < 4 + PgNumeric.MaxBytesForText(text.Length))
        {
            return false;
        }

        var written = PgNumeric.TryWriteText(text, destination[(pos + 4)..]);
        if (written < 0)
        {
            throw new PgValueException(Name, "is not a decimal number");
        }

        BinaryPrimitives.WriteInt32BigEndian(destination[pos..], written);
        pos += 4 + written;
        return true;
    }
}
