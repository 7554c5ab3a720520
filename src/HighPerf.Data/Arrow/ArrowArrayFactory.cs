using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Makes the array class for a type from its physical buffers (used by the IPC reader and the C Data importer).</summary>
internal static class ArrowArrayFactory
{
    /// <summary>How many buffers the Arrow layout of <paramref name="type"/> has (validity included).</summary>
    public static int BufferCount(ArrowType type) => type.Id switch
    {
        ArrowTypeId.Null => 0,
        ArrowTypeId.Utf8 or ArrowTypeId.Binary => 3,
        _ => 2,
    };

    /// <summary>Wraps <paramref name="buffers"/> (whose shares pass to the array) as an array of <paramref name="type"/>.</summary>
    public static ArrowArray Create(ArrowType type, int length, int nullCount, ReadOnlySpan<ArrowBuffer> buffers)
    {
        var validity = buffers.Length > 0 ? buffers[0] : ArrowBuffer.None;
        return type.Id switch
        {
            ArrowTypeId.Null => new NullArray(length),
            ArrowTypeId.Boolean => new BooleanArray(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Int8 => new Int8Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Int16 => new Int16Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Int32 => new Int32Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Int64 => new Int64Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.UInt8 => new UInt8Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.UInt16 => new UInt16Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.UInt32 => new UInt32Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.UInt64 => new UInt64Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Float32 => new Float32Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Float64 => new Float64Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Date32 => new Date32Array(length, nullCount, validity, buffers[1]),
            ArrowTypeId.Timestamp => new TimestampArray(type, length, nullCount, validity, buffers[1]),
            ArrowTypeId.Decimal128 => new Decimal128Array(type, length, nullCount, validity, buffers[1]),
            ArrowTypeId.Utf8 => new StringArray(length, nullCount, validity, buffers[1], buffers[2]),
            ArrowTypeId.Binary => new BinaryArray(length, nullCount, validity, buffers[1], buffers[2]),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Arrow type."),
        };
    }
}
