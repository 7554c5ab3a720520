using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    /// <summary>Fills the caller's result struct, which must be destroyed even when this fails (it holds the error).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_query", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState Query(SafeConnectionHandle connection, string query, SafeResultHandle result);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(IntPtr result);

    /// <summary>Owned by the result.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_column_name")]
    internal static partial IntPtr ColumnName(SafeResultHandle result, ulong column);

    /// <summary>Caller owns the type (<see cref="SafeLogicalTypeHandle"/>).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_column_logical_type")]
    internal static partial SafeLogicalTypeHandle ColumnLogicalType(SafeResultHandle result, ulong column);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_column_count")]
    internal static partial ulong ColumnCount(SafeResultHandle result);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_rows_changed")]
    internal static partial ulong RowsChanged(SafeResultHandle result);

    /// <summary>Owned by the result; null when it holds no error.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_result_error")]
    internal static partial IntPtr ResultError(SafeResultHandle result);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_result_error_type")]
    internal static partial NativeErrorType ResultErrorType(SafeResultHandle result);

    /// <summary>Takes the result struct by value.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_result_return_type")]
    internal static partial ResultType ResultReturnType(DuckDbResultStruct result);

    /// <summary>
    /// The next chunk (caller owns it, <see cref="SafeDataChunkHandle"/>), or null at the end or on an
    /// error, which <c>duckdb_result_error</c> then reports. Takes the result struct by value; its
    /// vectors are flat.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_fetch_chunk")]
    internal static partial SafeDataChunkHandle FetchChunk(DuckDbResultStruct result);

    /// <summary>Caller owns the options (<see cref="SafeArrowOptionsHandle"/>).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_result_get_arrow_options")]
    internal static partial SafeArrowOptionsHandle ResultGetArrowOptions(SafeResultHandle result);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_arrow_options")]
    internal static partial void DestroyArrowOptions(ref IntPtr options);
}
