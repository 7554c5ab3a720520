using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Native;

/// <summary>DuckDB's conversions to and from the Arrow C Data Interface (1.5's non-deprecated functions).</summary>
internal static partial class NativeMethods
{
    /// <summary>
    /// Fills <paramref name="schema"/> (caller releases it through its release callback) with a struct schema of the
    /// given columns; returns null or an error the caller destroys.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_to_arrow_schema")]
    internal static unsafe partial IntPtr ToArrowSchema(SafeArrowOptionsHandle options, IntPtr* types, byte** names, ulong columnCount, CArrowSchema* schema);

    /// <summary>
    /// Fills <paramref name="array"/> (caller releases it) with a copy of the chunk's rows as a struct array; the chunk
    /// stays the caller's. Returns null or an error the caller destroys.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_to_arrow")]
    internal static unsafe partial IntPtr DataChunkToArrow(SafeArrowOptionsHandle options, IntPtr chunk, CArrowArray* array);

    /// <summary>
    /// Reads an Arrow schema into DuckDB's converted schema (caller destroys it); the schema structure stays the
    /// caller's to release. Returns null or an error the caller destroys.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_schema_from_arrow")]
    internal static unsafe partial IntPtr SchemaFromArrow(SafeConnectionHandle connection, CArrowSchema* schema, out IntPtr convertedSchema);

    /// <summary>
    /// Wraps an Arrow struct array as a data chunk (caller destroys it). The chunk takes the array over: DuckDB moves
    /// the structure and calls its release callback when the chunk's vectors are gone. Fixed-width values are referenced,
    /// not copied. Returns null or an error the caller destroys.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_from_arrow")]
    internal static unsafe partial IntPtr DataChunkFromArrow(SafeConnectionHandle connection, CArrowArray* array, IntPtr convertedSchema, out SafeDataChunkHandle chunk);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_arrow_converted_schema")]
    internal static partial void DestroyArrowConvertedSchema(ref IntPtr convertedSchema);
}
