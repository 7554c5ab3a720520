using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary>Data chunks and their vectors. Vector pointers belong to their chunk and are never freed.</summary>
internal static partial class NativeMethods
{
    /// <summary>Caller owns the chunk (<see cref="SafeDataChunkHandle"/>); the types are copied. Capacity: <see cref="VectorSize"/> rows.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_create_data_chunk")]
    internal static unsafe partial SafeDataChunkHandle CreateDataChunk(IntPtr* types, ulong columnCount);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_data_chunk")]
    internal static partial void DestroyDataChunk(ref IntPtr chunk);

    /// <summary>Sets the size to 0 and clears validity; data and validity pointers must be fetched again after.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_reset")]
    internal static partial void DataChunkReset(IntPtr chunk);

    // The accessors below read or write one field of the C++ object: no allocation, no lock, no
    // callback, so the GC transition would cost more than the call.
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_get_column_count")]
    [SuppressGCTransition]
    internal static partial ulong DataChunkGetColumnCount(IntPtr chunk);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_get_vector")]
    [SuppressGCTransition]
    internal static partial IntPtr DataChunkGetVector(IntPtr chunk, ulong column);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_get_size")]
    [SuppressGCTransition]
    internal static partial ulong DataChunkGetSize(IntPtr chunk);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_data_chunk_set_size")]
    [SuppressGCTransition]
    internal static partial void DataChunkSetSize(IntPtr chunk, ulong size);

    /// <summary>Owned by the vector.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_vector_get_data")]
    [SuppressGCTransition]
    internal static partial IntPtr VectorGetData(IntPtr vector);

    /// <summary>Owned by the vector; null when every row is valid and no mask was made.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_vector_get_validity")]
    [SuppressGCTransition]
    internal static partial IntPtr VectorGetValidity(IntPtr vector);

    /// <summary>Allocates the validity mask (all valid) if there is none.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_vector_ensure_validity_writable")]
    internal static partial void VectorEnsureValidityWritable(IntPtr vector);

    /// <summary>Caller owns the type.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_vector_get_column_type")]
    internal static partial SafeLogicalTypeHandle VectorGetColumnType(IntPtr vector);

    /// <summary>Copies the bytes into the vector's string heap without UTF-8 validation (callers validate).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_unsafe_vector_assign_string_element_len")]
    internal static unsafe partial void UnsafeVectorAssignStringElementLen(IntPtr vector, ulong index, byte* value, ulong length);
}
