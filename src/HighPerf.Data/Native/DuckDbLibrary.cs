using System.Reflection;
using System.Runtime.InteropServices;
using HighPerf.Compression.Native;

namespace HighPerf.Data.Native;

/// <summary>
/// The one resolver for libduckdb (see HighPerf.Compression's <c>NativeLibraryResolver</c>): an
/// explicit path from <see cref="PathVariable"/>, then the application folder (where the build
/// copies it), then the system's loader (which also sees the NuGet package's
/// runtimes/linux-x64/native folder through the deps file).
/// </summary>
/// <remarks>
/// A DllImportResolver can be set only once per assembly, so this is HighPerf.Data's only one: any other
/// native library this assembly binds to later has to be resolved here as well.
/// </remarks>
internal static class DuckDbLibrary
{
    /// <summary>The name every <c>LibraryImport</c> of DuckDB in this assembly uses.</summary>
    internal const string Name = "libduckdb";

    internal const string PathVariable = "HIGHPERF_LIBDUCKDB_PATH";

    private static readonly NativeLibraryResolver s_resolver = new(
        Name,
        PathVariable,
        OperatingSystem.IsWindows()
            ? ["duckdb.dll"]
            : OperatingSystem.IsMacOS()
                ? ["libduckdb.dylib"]
                : ["libduckdb.so"],
        "The DuckDB library (libduckdb.so 1.5.6) was not found. The build of HighPerf.Data fetches it from the npm package " +
        "@duckdb/node-bindings-linux-x64@1.5.6-r.1 and copies it next to the application, and the NuGet package carries it " +
        "in runtimes/linux-x64/native.");

    internal static void EnsureResolver() => s_resolver.Register(typeof(DuckDbLibrary).Assembly);

    /// <inheritdoc cref="NativeLibraryResolver.Load"/>
    internal static IntPtr Load(string? overridePath, string[] candidates, Assembly assembly, DllImportSearchPath? searchPath) =>
        s_resolver.Load(overridePath, candidates, assembly, searchPath);
}
