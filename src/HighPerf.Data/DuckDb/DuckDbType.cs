namespace HighPerf.Data;

/// <summary>DuckDB's type of a column or parameter (the C API's <c>duckdb_type</c>, same numbers).</summary>
public enum DuckDbType
{
    /// <summary>No type, or a type DuckDB could not determine (e.g. an untyped parameter).</summary>
    Invalid = 0,

    /// <summary>BOOLEAN.</summary>
    Boolean = 1,

    /// <summary>TINYINT (int8).</summary>
    TinyInt = 2,

    /// <summary>SMALLINT (int16).</summary>
    SmallInt = 3,

    /// <summary>INTEGER (int32).</summary>
    Integer = 4,

    /// <summary>BIGINT (int64).</summary>
    BigInt = 5,

    /// <summary>UTINYINT (uint8).</summary>
    UTinyInt = 6,

    /// <summary>USMALLINT (uint16).</summary>
    USmallInt = 7,

    /// <summary>UINTEGER (uint32).</summary>
    UInteger = 8,

    /// <summary>UBIGINT (uint64).</summary>
    UBigInt = 9,

    /// <summary>FLOAT (32-bit).</summary>
    Float = 10,

    /// <summary>DOUBLE (64-bit).</summary>
    Double = 11,

    /// <summary>TIMESTAMP: microseconds since 1970-01-01, no time zone.</summary>
    Timestamp = 12,

    /// <summary>DATE: days since 1970-01-01.</summary>
    Date = 13,

    /// <summary>TIME: microseconds since midnight.</summary>
    Time = 14,

    /// <summary>INTERVAL: months, days and microseconds.</summary>
    Interval = 15,

    /// <summary>HUGEINT (int128).</summary>
    HugeInt = 16,

    /// <summary>VARCHAR (UTF-8 text; JSON is a VARCHAR with the alias JSON).</summary>
    Varchar = 17,

    /// <summary>BLOB (bytes).</summary>
    Blob = 18,

    /// <summary>DECIMAL(width, scale).</summary>
    Decimal = 19,

    /// <summary>TIMESTAMP_S: seconds since 1970-01-01.</summary>
    TimestampS = 20,

    /// <summary>TIMESTAMP_MS: milliseconds since 1970-01-01.</summary>
    TimestampMs = 21,

    /// <summary>TIMESTAMP_NS: nanoseconds since 1970-01-01.</summary>
    TimestampNs = 22,

    /// <summary>ENUM.</summary>
    Enum = 23,

    /// <summary>LIST.</summary>
    List = 24,

    /// <summary>STRUCT.</summary>
    Struct = 25,

    /// <summary>MAP.</summary>
    Map = 26,

    /// <summary>UUID.</summary>
    Uuid = 27,

    /// <summary>UNION.</summary>
    Union = 28,

    /// <summary>BIT (bit string).</summary>
    Bit = 29,

    /// <summary>TIME WITH TIME ZONE.</summary>
    TimeTz = 30,

    /// <summary>TIMESTAMP WITH TIME ZONE: microseconds since 1970-01-01 UTC.</summary>
    TimestampTz = 31,

    /// <summary>UHUGEINT (uint128).</summary>
    UHugeInt = 32,

    /// <summary>ARRAY (fixed-size list).</summary>
    Array = 33,

    /// <summary>ANY (only in function signatures).</summary>
    Any = 34,

    /// <summary>BIGNUM (arbitrary precision integer).</summary>
    BigNum = 35,

    /// <summary>The type of a NULL literal.</summary>
    SqlNull = 36,

    /// <summary>A string literal not yet given a type.</summary>
    StringLiteral = 37,

    /// <summary>An integer literal not yet given a type.</summary>
    IntegerLiteral = 38,

    /// <summary>TIME_NS: nanoseconds since midnight.</summary>
    TimeNs = 39,

    /// <summary>GEOMETRY (WKB).</summary>
    Geometry = 40,

    /// <summary>VARIANT.</summary>
    Variant = 41,
}
