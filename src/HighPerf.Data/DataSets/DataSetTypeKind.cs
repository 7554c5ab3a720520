namespace HighPerf.Data.DataSets;

/// <summary>The column types a data set can declare.</summary>
public enum DataSetTypeKind
{
    /// <summary><c>int32</c>: a 32-bit signed integer.</summary>
    Int32,

    /// <summary><c>int64</c>: a 64-bit signed integer.</summary>
    Int64,

    /// <summary><c>float64</c>: a double-precision floating-point number.</summary>
    Float64,

    /// <summary><c>decimal(p,s)</c>: an exact decimal of precision 1 to 38 and scale 0 to p.</summary>
    Decimal,

    /// <summary><c>bool</c>: true or false.</summary>
    Bool,

    /// <summary><c>string</c>: UTF-8 text.</summary>
    String,

    /// <summary><c>date</c>: a calendar date (<c>yyyy-MM-dd</c> in JSON).</summary>
    Date,

    /// <summary><c>timestamp</c>: an instant in UTC with microsecond precision (ISO 8601 in JSON; an offset is honored).</summary>
    Timestamp,

    /// <summary><c>json</c>: any JSON value, stored as its text.</summary>
    Json,
}
