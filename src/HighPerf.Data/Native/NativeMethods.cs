using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary>
/// DuckDB's C API (duckdb.h of release 1.5), grouped by the header's sections in partial files.
/// Strings passed in are UTF-8 copies made for the call. Beside each import: who owns what it returns.
/// </summary>
internal static partial class NativeMethods
{
    // Registering in the static constructor runs before the first import is bound.
    static NativeMethods() => DuckDbLibrary.EnsureResolver();

    /// <summary>A static string; never freed.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_library_version")]
    internal static partial IntPtr LibraryVersion();

    /// <summary>Frees memory DuckDB allocated for the caller (error strings, <c>duckdb_get_varchar</c>, names).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_free")]
    internal static partial void Free(IntPtr ptr);

    /// <summary>The capacity of a data chunk (STANDARD_VECTOR_SIZE, 2048 in release builds).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_vector_size")]
    internal static partial ulong VectorSize();

    /// <summary>Reads a string DuckDB owns (not freed here).</summary>
    internal static string? ReadString(IntPtr utf8) => utf8 == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(utf8);

    /// <summary>Reads a string the caller owns and frees it with <c>duckdb_free</c>.</summary>
    internal static string? TakeString(IntPtr utf8)
    {
        if (utf8 == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(utf8);
        }
        finally
        {
            Free(utf8);
        }
    }
}
