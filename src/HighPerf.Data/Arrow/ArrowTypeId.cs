namespace HighPerf.Data.Arrow;

/// <summary>The Arrow logical types this implementation reads and writes.</summary>
public enum ArrowTypeId
{
    /// <summary>Every value is null; no buffers.</summary>
    Null = 0,

    /// <summary>Booleans, bit-packed.</summary>
    Boolean,

    /// <summary>Signed 8-bit integers.</summary>
    Int8,

    /// <summary>Signed 16-bit integers.</summary>
    Int16,

    /// <summary>Signed 32-bit integers.</summary>
    Int32,

    /// <summary>Signed 64-bit integers.</summary>
    Int64,

    /// <summary>Unsigned 8-bit integers.</summary>
    UInt8,

    /// <summary>Unsigned 16-bit integers.</summary>
    UInt16,

    /// <summary>Unsigned 32-bit integers.</summary>
    UInt32,

    /// <summary>Unsigned 64-bit integers.</summary>
    UInt64,

    /// <summary>IEEE 754 single precision.</summary>
    Float32,

    /// <summary>IEEE 754 double precision.</summary>
    Float64,

    /// <summary>UTF-8 strings with 32-bit offsets.</summary>
    Utf8,

    /// <summary>Opaque bytes with 32-bit offsets.</summary>
    Binary,

    /// <summary>Days since 1970-01-01 as a signed 32-bit integer.</summary>
    Date32,

    /// <summary>A signed 64-bit count of <see cref="ArrowType.TimeUnit"/> since 1970-01-01T00:00:00 UTC, with an optional time zone.</summary>
    Timestamp,

    /// <summary>A 128-bit two's complement unscaled integer with a precision and a scale.</summary>
    Decimal128,
}
