namespace HighPerf.Data;

/// <summary>What went wrong in a <see cref="DuckDbException"/>.</summary>
public enum DuckDbErrorKind
{
    /// <summary>An error DuckDB reports that fits no other kind.</summary>
    Unknown = 0,

    /// <summary>The SQL could not be parsed.</summary>
    Syntax,

    /// <summary>The SQL refers to a table, column, function or type that does not exist, or mixes types wrongly (binder and catalog errors).</summary>
    Binding,

    /// <summary>A parameter was missing, of the wrong type, or not allowed there.</summary>
    Parameter,

    /// <summary>A value could not be converted, overflowed its type, or was divided by zero.</summary>
    Conversion,

    /// <summary>A primary key, unique, not-null, check or foreign key constraint was violated.</summary>
    Constraint,

    /// <summary>The transaction conflicted with another one (trying again may succeed).</summary>
    TransactionConflict,

    /// <summary>The settings or policy forbid this: file access outside the allowed folders, a locked setting, a missing extension.</summary>
    PermissionDenied,

    /// <summary>Reading or writing a file failed.</summary>
    IO,

    /// <summary>DuckDB ran out of memory within its limit (memory_limit); trying again with less concurrency may succeed.</summary>
    OutOfMemory,

    /// <summary>The query was interrupted without the caller's token being cancelled (another <c>duckdb_interrupt</c>).</summary>
    Interrupted,

    /// <summary>The input was invalid for the operation (e.g. an appender given the wrong number of columns).</summary>
    InvalidInput,

    /// <summary>The database could not be opened or configured (bad path, setting or lock by another process).</summary>
    Open,

    /// <summary>DuckDB hit an internal or fatal error; the database should be reopened.</summary>
    Internal,
}
