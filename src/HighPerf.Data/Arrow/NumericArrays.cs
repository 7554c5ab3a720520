using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>An int8 array.</summary>
public sealed class Int8Array : PrimitiveArray<sbyte>
{
    internal Int8Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Int8, length, nullCount, validity, values)
    {
    }
}

/// <summary>An int16 array.</summary>
public sealed class Int16Array : PrimitiveArray<short>
{
    internal Int16Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Int16, length, nullCount, validity, values)
    {
    }
}

/// <summary>An int32 array.</summary>
public sealed class Int32Array : PrimitiveArray<int>
{
    internal Int32Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Int32, length, nullCount, validity, values)
    {
    }
}

/// <summary>An int64 array.</summary>
public sealed class Int64Array : PrimitiveArray<long>
{
    internal Int64Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Int64, length, nullCount, validity, values)
    {
    }
}

/// <summary>A uint8 array.</summary>
public sealed class UInt8Array : PrimitiveArray<byte>
{
    internal UInt8Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.UInt8, length, nullCount, validity, values)
    {
    }
}

/// <summary>A uint16 array.</summary>
public sealed class UInt16Array : PrimitiveArray<ushort>
{
    internal UInt16Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.UInt16, length, nullCount, validity, values)
    {
    }
}

/// <summary>A uint32 array.</summary>
public sealed class UInt32Array : PrimitiveArray<uint>
{
    internal UInt32Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.UInt32, length, nullCount, validity, values)
    {
    }
}

/// <summary>A uint64 array.</summary>
public sealed class UInt64Array : PrimitiveArray<ulong>
{
    internal UInt64Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.UInt64, length, nullCount, validity, values)
    {
    }
}

/// <summary>A float32 array.</summary>
public sealed class Float32Array : PrimitiveArray<float>
{
    internal Float32Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Float32, length, nullCount, validity, values)
    {
    }
}

/// <summary>A float64 array.</summary>
public sealed class Float64Array : PrimitiveArray<double>
{
    internal Float64Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Float64, length, nullCount, validity, values)
    {
    }
}
