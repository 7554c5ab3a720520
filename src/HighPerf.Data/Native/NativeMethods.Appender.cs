using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    /// <summary>Caller owns the appender (<see cref="SafeAppenderHandle"/>) even when this fails; it then holds the error.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_create_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState AppenderCreateExt(SafeConnectionHandle connection, string? catalog, string? schema, string table, out SafeAppenderHandle appender);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_column_count")]
    internal static partial ulong AppenderColumnCount(SafeAppenderHandle appender);

    /// <summary>Caller owns the type.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_column_type")]
    internal static partial SafeLogicalTypeHandle AppenderColumnType(SafeAppenderHandle appender, ulong column);

    /// <summary>Caller owns the error data (destroy with <c>duckdb_destroy_error_data</c>).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_error_data")]
    internal static partial IntPtr AppenderErrorData(SafeAppenderHandle appender);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_flush")]
    internal static partial DuckDbState AppenderFlush(SafeAppenderHandle appender);

    /// <summary>Discards what is buffered and not yet flushed.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_clear")]
    internal static partial DuckDbState AppenderClear(SafeAppenderHandle appender);

    /// <summary>Flushes and closes; after an error the appender is invalidated.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_close")]
    internal static partial DuckDbState AppenderClose(SafeAppenderHandle appender);

    /// <summary>Closes (which flushes) and frees.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_appender_destroy")]
    internal static partial DuckDbState AppenderDestroy(ref IntPtr appender);

    /// <summary>Copies the chunk's rows into the appender's buffer; the chunk stays the caller's.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_append_data_chunk")]
    internal static partial DuckDbState AppendDataChunk(SafeAppenderHandle appender, IntPtr chunk);
}
