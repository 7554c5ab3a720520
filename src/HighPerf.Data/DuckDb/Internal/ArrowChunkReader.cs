using HighPerf.Data.Arrow;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// Copies DuckDB's flat vectors into Arrow column builders, chunk after chunk, so that one record batch can
/// gather many chunks. Fixed-width values and validity bitmaps are the same bytes in both formats (DuckDB's
/// validity words are Arrow's LSB-first bitmap) and go over with one copy per chunk; only strings (DuckDB's
/// 16-byte <c>string_t</c> to offsets and bytes), narrower decimals (to 128 bits) and booleans (bytes to bits)
/// are converted value by value. Made only when every column's DuckDB type has exactly the Arrow type DuckDB's
/// own conversion gives it (see <see cref="TryCreate"/>); the result then falls back to that conversion.
/// </summary>
internal sealed unsafe class ArrowChunkReader : IDisposable
{
    /// <summary>A batch's string column stops short of Arrow's 32-bit offsets (2 GiB of bytes).</summary>
    private const long MaxStringBytes = int.MaxValue - 64;

    private readonly Schema _schema;
    private readonly ColumnInfo[] _columns;
    private readonly ArrowArrayBuilder[] _builders;
    private readonly Kind[] _kinds;
    private readonly long[] _stringBytes;
    private readonly long[] _chunkStringBytes;
    private readonly IntPtr[] _data;
    private readonly IntPtr[] _validity;
    private int _length;

    private ArrowChunkReader(Schema schema, ColumnInfo[] columns, Kind[] kinds)
    {
        _schema = schema;
        _columns = columns;
        _kinds = kinds;
        _stringBytes = new long[columns.Length];
        _chunkStringBytes = new long[columns.Length];
        _data = new IntPtr[columns.Length];
        _validity = new IntPtr[columns.Length];
        _builders = new ArrowArrayBuilder[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            _builders[i] = ArrowArrayBuilder.Create(schema.Fields[i].Type);
        }
    }

    private enum Kind : byte
    {
        Fixed,
        Boolean,
        WidenDecimal,
        String,
        Null,
    }

    /// <summary>The rows gathered since the last <see cref="Build"/>.</summary>
    public int Length => _length;

    /// <summary>A reader for <paramref name="columns"/>, or <see langword="null"/> when one of them needs DuckDB's conversion.</summary>
    public static ArrowChunkReader? TryCreate(Schema schema, ColumnInfo[] columns)
    {
        var kinds = new Kind[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            if (KindOf(columns[i], schema.Fields[i].Type) is not { } kind)
            {
                return null;
            }

            kinds[i] = kind;
        }

        return new ArrowChunkReader(schema, columns, kinds);
    }

    /// <summary>
    /// Appends every row of <paramref name="chunk"/> (a flat chunk of the result these columns describe), unless the
    /// batch already holds rows and the chunk would take it past <paramref name="maxRows"/> or a string column past
    /// Arrow's 32-bit offsets; then nothing is appended. An empty batch takes any chunk (one over 2 GiB of text
    /// fails with a clear message).
    /// </summary>
    /// <returns>Whether the chunk was appended.</returns>
    public bool TryAppend(IntPtr chunk, int maxRows)
    {
        var rows = (int)NativeMethods.DataChunkGetSize(chunk);
        var fits = _length == 0 || _length + rows <= maxRows;
        for (var i = 0; i < _columns.Length && fits; i++)
        {
            var vector = NativeMethods.DataChunkGetVector(chunk, (ulong)i);
            _data[i] = NativeMethods.VectorGetData(vector);
            _validity[i] = NativeMethods.VectorGetValidity(vector);
            if (_kinds[i] == Kind.String)
            {
                _chunkStringBytes[i] = StringBytes((DuckDbStringT*)_data[i], (ulong*)_validity[i], rows);
                fits = _length == 0 || _stringBytes[i] + _chunkStringBytes[i] <= MaxStringBytes;
            }
        }

        if (!fits)
        {
            return false;
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            var data = (void*)_data[i];
            var validity = (ulong*)_validity[i];
            var builder = _builders[i];
            switch (_kinds[i])
            {
                case Kind.Fixed:
                    builder.AppendRawValues(data, rows);
                    break;
                case Kind.Boolean:
                    ((BooleanArrayBuilder)builder).AppendValueBytes((byte*)data, rows);
                    break;
                case Kind.WidenDecimal:
                    AppendDecimal((Decimal128ArrayBuilder)builder, _columns[i].Storage, data, rows);
                    break;
                case Kind.String:
                    AppendStrings(builder, (DuckDbStringT*)data, validity, rows, _chunkStringBytes[i]);
                    _stringBytes[i] += _chunkStringBytes[i];
                    break;
                case Kind.Null:
                    for (var row = 0; row < rows; row++)
                    {
                        builder.AppendNull();
                    }

                    continue;
            }

            builder.AppendValidity(validity, rows);
        }

        _length += rows;
        return true;
    }

    /// <summary>The rows gathered so far as one record batch (the builders' memory handed over); starts the next.</summary>
    public RecordBatch Build()
    {
        var arrays = new ArrowArray[_builders.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = _builders[i].BuildArray();
            _stringBytes[i] = 0;
        }

        var length = _length;
        _length = 0;
        return new RecordBatch(_schema, arrays, length);
    }

    /// <summary>Drops the rows gathered since the last <see cref="Build"/>, keeping the memory.</summary>
    public void Reset()
    {
        foreach (var builder in _builders)
        {
            builder.Reset();
        }

        Array.Clear(_stringBytes);
        _length = 0;
    }

    public void Dispose()
    {
        foreach (var builder in _builders)
        {
            builder.Dispose();
        }
    }

    private static Kind? KindOf(in ColumnInfo column, ArrowType arrow) => (column.Type, arrow.Id) switch
    {
        (DuckDbType.Boolean, ArrowTypeId.Boolean) => Kind.Boolean,
        (DuckDbType.TinyInt, ArrowTypeId.Int8) or (DuckDbType.SmallInt, ArrowTypeId.Int16) or (DuckDbType.Integer, ArrowTypeId.Int32)
            or (DuckDbType.BigInt, ArrowTypeId.Int64) or (DuckDbType.UTinyInt, ArrowTypeId.UInt8) or (DuckDbType.USmallInt, ArrowTypeId.UInt16)
            or (DuckDbType.UInteger, ArrowTypeId.UInt32) or (DuckDbType.UBigInt, ArrowTypeId.UInt64) or (DuckDbType.Float, ArrowTypeId.Float32)
            or (DuckDbType.Double, ArrowTypeId.Float64) or (DuckDbType.Date, ArrowTypeId.Date32) => Kind.Fixed,
        (DuckDbType.Timestamp or DuckDbType.TimestampTz, ArrowTypeId.Timestamp) when arrow.TimeUnit == ArrowTimeUnit.Microsecond => Kind.Fixed,
        (DuckDbType.TimestampS, ArrowTypeId.Timestamp) when arrow.TimeUnit == ArrowTimeUnit.Second => Kind.Fixed,
        (DuckDbType.TimestampMs, ArrowTypeId.Timestamp) when arrow.TimeUnit == ArrowTimeUnit.Millisecond => Kind.Fixed,
        (DuckDbType.TimestampNs, ArrowTypeId.Timestamp) when arrow.TimeUnit == ArrowTimeUnit.Nanosecond => Kind.Fixed,
        (DuckDbType.Decimal, ArrowTypeId.Decimal128) when arrow.Precision == column.DecimalWidth && arrow.Scale == column.DecimalScale
            => column.Storage == DuckDbType.HugeInt ? Kind.Fixed : Kind.WidenDecimal,
        (DuckDbType.Varchar, ArrowTypeId.Utf8) or (DuckDbType.Blob, ArrowTypeId.Binary) => Kind.String,
        (DuckDbType.SqlNull, ArrowTypeId.Null) => Kind.Null,
        _ => null,
    };

    private static void AppendDecimal(Decimal128ArrayBuilder builder, DuckDbType storage, void* data, int rows)
    {
        var slots = builder.AppendSlots(rows);
        switch (storage)
        {
            case DuckDbType.SmallInt:
                for (var i = 0; i < rows; i++)
                {
                    slots[i] = ((short*)data)[i];
                }

                break;
            case DuckDbType.Integer:
                for (var i = 0; i < rows; i++)
                {
                    slots[i] = ((int*)data)[i];
                }

                break;
            default:
                for (var i = 0; i < rows; i++)
                {
                    slots[i] = ((long*)data)[i];
                }

                break;
        }
    }

    private static void AppendStrings(ArrowArrayBuilder builder, DuckDbStringT* strings, ulong* validity, int rows, long bytes)
    {
        if (builder is StringArrayBuilder text)
        {
            AppendStrings(text, strings, validity, rows, bytes);
        }
        else
        {
            AppendStrings((BinaryArrayBuilder)builder, strings, validity, rows, bytes);
        }
    }

    private static void AppendStrings<TArray>(VariableBinaryArrayBuilder<TArray> builder, DuckDbStringT* strings, ulong* validity, int rows, long bytes)
        where TArray : VariableBinaryArray
    {
        if (builder.DataLength + bytes > MaxStringBytes)
        {
            throw new InvalidOperationException($"One chunk holds {bytes:N0} bytes of text, more than one Arrow utf8 or binary array can (2 GiB with 32-bit offsets).");
        }

        builder.Reserve(rows, (int)bytes);
        for (var i = 0; i < rows; i++)
        {
            if (validity == null || ((validity[i >> 6] >> (i & 63)) & 1) != 0)
            {
                builder.AppendValueBytes(DuckDbStringT.Read(strings + i));
            }
            else
            {
                builder.AppendEmptyValue();
            }
        }
    }

    /// <summary>The bytes of the valid strings (a NULL's <c>string_t</c> is undefined, so it is not read).</summary>
    private static long StringBytes(DuckDbStringT* strings, ulong* validity, int rows)
    {
        long bytes = 0;
        if (validity == null)
        {
            for (var i = 0; i < rows; i++)
            {
                bytes += strings[i].Length;
            }

            return bytes;
        }

        for (var i = 0; i < rows; i++)
        {
            if (((validity[i >> 6] >> (i & 63)) & 1) != 0)
            {
                bytes += strings[i].Length;
            }
        }

        return bytes;
    }
}
