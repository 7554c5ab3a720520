using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_logical_type")]
    internal static partial void DestroyLogicalType(ref IntPtr type);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_get_type_id")]
    internal static partial DuckDbType GetTypeId(SafeLogicalTypeHandle type);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_decimal_width")]
    internal static partial byte DecimalWidth(SafeLogicalTypeHandle type);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_decimal_scale")]
    internal static partial byte DecimalScale(SafeLogicalTypeHandle type);

    /// <summary>How the unscaled value is stored: SMALLINT, INTEGER, BIGINT or HUGEINT by width.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_decimal_internal_type")]
    internal static partial DuckDbType DecimalInternalType(SafeLogicalTypeHandle type);

    /// <summary>Caller frees the alias (e.g. JSON) with <c>duckdb_free</c>; null when there is none.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_logical_type_get_alias")]
    internal static partial IntPtr LogicalTypeGetAlias(SafeLogicalTypeHandle type);
}
