using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    /// <summary>Caller owns the config (<see cref="SafeConfigHandle"/>), even when this fails.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_create_config")]
    internal static partial DuckDbState CreateConfig(out SafeConfigHandle config);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState SetConfig(SafeConfigHandle config, string name, string option);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_destroy_config")]
    internal static partial void DestroyConfig(ref IntPtr config);

    /// <summary>
    /// Caller owns the database (<see cref="SafeDatabaseHandle"/>); on failure <paramref name="error"/>
    /// is a message the caller frees with <c>duckdb_free</c>. The config is copied and can be destroyed after.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState OpenExt(string path, out SafeDatabaseHandle database, SafeConfigHandle config, out IntPtr error);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_close")]
    internal static partial void Close(ref IntPtr database);

    /// <summary>Caller owns the connection (<see cref="SafeConnectionHandle"/>).</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_connect")]
    internal static partial DuckDbState Connect(SafeDatabaseHandle database, out SafeConnectionHandle connection);

    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_disconnect")]
    internal static partial void Disconnect(ref IntPtr connection);

    /// <summary>Sets the connection's interrupt flag; safe from any thread while a query runs on it.</summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_interrupt")]
    internal static partial void Interrupt(SafeConnectionHandle connection);
}
