using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    /// <summary>Caller owns the statement (<see cref="SafePreparedStatementHandle"/>) even when this fails; it then holds the error.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_prepare", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState Prepare(SafeConnectionHandle connection, string query, out SafePreparedStatementHandle statement);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_prepare")]
    internal static partial void DestroyPrepare(ref IntPtr statement);

    /// <summary>Owned by the statement; null when there is no error.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_prepare_error")]
    internal static partial IntPtr PrepareError(SafePreparedStatementHandle statement);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_nparams")]
    internal static partial ulong ParameterCount(SafePreparedStatementHandle statement);

    /// <summary>The type DuckDB inferred for a parameter (1-based), or Invalid when it could not.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_param_type")]
    internal static partial DuckDbType ParameterType(SafePreparedStatementHandle statement, ulong index);

    /// <summary>The 1-based index of the parameter called <paramref name="name"/> (<c>$name</c>).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_parameter_index", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState BindParameterIndex(SafePreparedStatementHandle statement, out ulong index, string name);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_clear_bindings")]
    internal static partial DuckDbState ClearBindings(SafePreparedStatementHandle statement);

    /// <summary>Fills a materialized result; destroy it even on failure.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_execute_prepared")]
    internal static partial DuckDbState ExecutePrepared(SafePreparedStatementHandle statement, SafeResultHandle result);

    /// <summary>
    /// A pending result that, once executed, streams its chunks instead of materializing them. Deprecated in
    /// 1.5 but still the C API's only way to a streaming result (<c>duckdb_pending_prepared</c> always
    /// materializes); caller owns the pending result (<see cref="SafePendingResultHandle"/>) even on failure.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_pending_prepared_streaming")]
    internal static partial DuckDbState PendingPreparedStreaming(SafePreparedStatementHandle statement, out SafePendingResultHandle pending);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_pending")]
    internal static partial void DestroyPending(ref IntPtr pending);

    /// <summary>Owned by the pending result.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_pending_error")]
    internal static partial IntPtr PendingError(SafePendingResultHandle pending);

    /// <summary>Fills the result (destroy it even on failure).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_execute_pending")]
    internal static partial DuckDbState ExecutePending(SafePendingResultHandle pending, SafeResultHandle result);
}
