using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_error_data")]
    internal static partial void DestroyErrorData(ref IntPtr error);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_error_data_error_type")]
    internal static partial NativeErrorType ErrorDataErrorType(IntPtr error);

    /// <summary>Owned by the error data.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_error_data_message")]
    internal static partial IntPtr ErrorDataMessage(IntPtr error);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_error_data_has_error")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool ErrorDataHasError(IntPtr error);
}
