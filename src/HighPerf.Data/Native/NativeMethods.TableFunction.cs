using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary>
/// Table functions and replacement scans: how registered Arrow batches become tables DuckDB scans. The info
/// handles passed to callbacks belong to DuckDB and live for the callback only.
/// </summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>Caller owns the function object until it is registered (destroy it after registering).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_create_table_function")]
    internal static partial IntPtr CreateTableFunction();

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_table_function")]
    internal static partial void DestroyTableFunction(ref IntPtr function);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_set_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void TableFunctionSetName(IntPtr function, string name);

    /// <summary>The type is copied.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_add_parameter")]
    internal static partial void TableFunctionAddParameter(IntPtr function, SafeLogicalTypeHandle type);

    /// <summary>DuckDB calls <paramref name="destroy"/> on <paramref name="extraInfo"/> when the function is dropped (database close).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_set_extra_info")]
    internal static partial void TableFunctionSetExtraInfo(IntPtr function, IntPtr extraInfo, delegate* unmanaged[Cdecl]<IntPtr, void> destroy);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_set_bind")]
    internal static partial void TableFunctionSetBind(IntPtr function, delegate* unmanaged[Cdecl]<IntPtr, void> bind);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_set_init")]
    internal static partial void TableFunctionSetInit(IntPtr function, delegate* unmanaged[Cdecl]<IntPtr, void> init);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_set_function")]
    internal static partial void TableFunctionSetFunction(IntPtr function, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> main);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_table_function_supports_projection_pushdown")]
    internal static partial void TableFunctionSupportsProjectionPushdown(IntPtr function, [MarshalAs(UnmanagedType.U1)] bool pushdown);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_register_table_function")]
    internal static partial DuckDbState RegisterTableFunction(SafeConnectionHandle connection, IntPtr function);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_get_extra_info")]
    internal static partial IntPtr BindGetExtraInfo(IntPtr info);

    /// <summary>Caller owns the value (destroy it).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_get_parameter")]
    internal static partial IntPtr BindGetParameter(IntPtr info, ulong index);

    /// <summary>The type is copied.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_add_result_column", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void BindAddResultColumn(IntPtr info, string name, IntPtr type);

    /// <summary>DuckDB calls <paramref name="destroy"/> when the bound plan goes away.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_set_bind_data")]
    internal static partial void BindSetBindData(IntPtr info, IntPtr data, delegate* unmanaged[Cdecl]<IntPtr, void> destroy);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_set_cardinality")]
    internal static partial void BindSetCardinality(IntPtr info, ulong cardinality, [MarshalAs(UnmanagedType.U1)] bool exact);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_bind_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void BindSetError(IntPtr info, string error);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_init_get_bind_data")]
    internal static partial IntPtr InitGetBindData(IntPtr info);

    /// <summary>DuckDB calls <paramref name="destroy"/> when the scan ends.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_init_set_init_data")]
    internal static partial void InitSetInitData(IntPtr info, IntPtr data, delegate* unmanaged[Cdecl]<IntPtr, void> destroy);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_init_get_column_count")]
    internal static partial ulong InitGetColumnCount(IntPtr info);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_init_get_column_index")]
    internal static partial ulong InitGetColumnIndex(IntPtr info, ulong position);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_init_set_max_threads")]
    internal static partial void InitSetMaxThreads(IntPtr info, ulong threads);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_init_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void InitSetError(IntPtr info, string error);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_function_get_init_data")]
    internal static partial IntPtr FunctionGetInitData(IntPtr info);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_function_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void FunctionSetError(IntPtr info, string error);

    /// <summary>DuckDB calls <paramref name="delete"/> on <paramref name="extraData"/> when the database closes.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_add_replacement_scan")]
    internal static partial void AddReplacementScan(SafeDatabaseHandle database, delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, void> replacement, IntPtr extraData, delegate* unmanaged[Cdecl]<IntPtr, void> delete);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_replacement_scan_set_function_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void ReplacementScanSetFunctionName(IntPtr info, string name);

    /// <summary>The value is copied.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_replacement_scan_add_parameter")]
    internal static partial void ReplacementScanAddParameter(IntPtr info, IntPtr value);

    /// <summary>Caller owns the value (destroy it).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_create_varchar", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr CreateVarchar(string text);

    /// <summary>Caller frees the string with <c>duckdb_free</c>.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_get_varchar")]
    internal static partial IntPtr GetVarchar(IntPtr value);

    /// <summary>Caller owns the type.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_create_logical_type")]
    internal static partial SafeLogicalTypeHandle CreateLogicalType(DuckDbType type);

    /// <summary>Makes <paramref name="target"/> share <paramref name="source"/>'s buffers (no copy); both must have the same type.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_vector_reference_vector")]
    internal static partial void VectorReferenceVector(IntPtr target, IntPtr source);
}
