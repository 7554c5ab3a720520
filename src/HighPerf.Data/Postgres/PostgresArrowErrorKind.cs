namespace HighPerf.Data;

/// <summary>What kind of failure a <see cref="PostgresArrowException"/> reports.</summary>
public enum PostgresArrowErrorKind
{
    /// <summary>A column's PostgreSQL or Arrow type has no mapping; <see cref="PostgresArrowException.ColumnName"/> says which column.</summary>
    UnsupportedType,

    /// <summary>A unique or primary key constraint was violated (SQLSTATE 23505); nothing of the insert was stored.</summary>
    UniqueViolation,

    /// <summary>A value was refused (null in a NOT NULL column, out of range, malformed JSON record, NaN numeric into a decimal); nothing was stored.</summary>
    InvalidValue,

    /// <summary>The server reported another error; <see cref="PostgresArrowException.SqlState"/> holds its code.</summary>
    Server,

    /// <summary>The binary COPY stream did not follow the format.</summary>
    Protocol,
}
