using System.Runtime.InteropServices;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Native;

internal static partial class NativeMethods
{
    /// <summary>
    /// Creates (or replaces) a view named <paramref name="viewName"/> over DuckDB's built-in <c>arrow_scan</c> of
    /// <paramref name="stream"/>, which stays the caller's: DuckDB copies the structure, never releases it, and reads
    /// it while a query of the view runs. Deprecated in 1.5 and kept for one reason: <c>arrow_scan</c> numbers its
    /// batches, so an <c>INSERT ... SELECT</c> from it runs on every thread and keeps the rows in order, which no
    /// table function made through the C API can do (DuckDB then inserts on one thread). The view is a catalog entry,
    /// so it must be made and dropped inside one transaction.
    /// </summary>
    [LibraryImport(DuckDbLibrary.Name, EntryPoint = "duckdb_arrow_scan", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial DuckDbState ArrowScan(SafeConnectionHandle connection, string viewName, CArrowArrayStream* stream);
}
