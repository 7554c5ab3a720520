using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Builds <see cref="Int8Array"/>s.</summary>
public sealed class Int8ArrayBuilder() : PrimitiveArrayBuilder<sbyte, Int8Array>(ArrowType.Int8)
{
    private protected override Int8Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="Int16Array"/>s.</summary>
public sealed class Int16ArrayBuilder() : PrimitiveArrayBuilder<short, Int16Array>(ArrowType.Int16)
{
    private protected override Int16Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="Int32Array"/>s.</summary>
public sealed class Int32ArrayBuilder() : PrimitiveArrayBuilder<int, Int32Array>(ArrowType.Int32)
{
    private protected override Int32Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="Int64Array"/>s.</summary>
public sealed class Int64ArrayBuilder() : PrimitiveArrayBuilder<long, Int64Array>(ArrowType.Int64)
{
    private protected override Int64Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="UInt8Array"/>s.</summary>
public sealed class UInt8ArrayBuilder() : PrimitiveArrayBuilder<byte, UInt8Array>(ArrowType.UInt8)
{
    private protected override UInt8Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="UInt16Array"/>s.</summary>
public sealed class UInt16ArrayBuilder() : PrimitiveArrayBuilder<ushort, UInt16Array>(ArrowType.UInt16)
{
    private protected override UInt16Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="UInt32Array"/>s.</summary>
public sealed class UInt32ArrayBuilder() : PrimitiveArrayBuilder<uint, UInt32Array>(ArrowType.UInt32)
{
    private protected override UInt32Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="UInt64Array"/>s.</summary>
public sealed class UInt64ArrayBuilder() : PrimitiveArrayBuilder<ulong, UInt64Array>(ArrowType.UInt64)
{
    private protected override UInt64Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="Float32Array"/>s.</summary>
public sealed class Float32ArrayBuilder() : PrimitiveArrayBuilder<float, Float32Array>(ArrowType.Float32)
{
    private protected override Float32Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>Builds <see cref="Float64Array"/>s.</summary>
public sealed class Float64ArrayBuilder() : PrimitiveArrayBuilder<double, Float64Array>(ArrowType.Float64)
{
    private protected override Float64Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}
