using System.Reflection;
using System.Runtime.InteropServices;

namespace HighPerf.Data.Native;

/// <summary>
/// The one resolver for libduckdb: an explicit path from <see cref="PathVariable"/>, then the
/// application folder (where the build copies it), then the system's loader (which also sees the
/// NuGet package's runtimes/linux-x64/native folder through the deps file). A miss says where the
/// library comes from instead of the runtime's generic "unable to load shared library".
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

    private static readonly string[] s_candidates = OperatingSystem.IsWindows()
        ? ["duckdb.dll"]
        : OperatingSystem.IsMacOS()
            ? ["libduckdb.dylib"]
            : ["libduckdb.so"];

    private static int s_registered;

    internal static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(DuckDbLibrary).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        string.Equals(libraryName, Name, StringComparison.Ordinal)
            ? Load(Environment.GetEnvironmentVariable(PathVariable), s_candidates, assembly, searchPath)
            : IntPtr.Zero;

    /// <summary>The search itself, separate from the environment so that tests can point it at nothing.</summary>
    internal static IntPtr Load(string? overridePath, string[] candidates, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            return NativeLibrary.TryLoad(overridePath, out var handle)
                ? handle
                : throw new DllNotFoundException($"{PathVariable} points to '{overridePath}', which could not be loaded as libduckdb.");
        }

        foreach (var candidate in candidates)
        {
            var local = Path.Combine(AppContext.BaseDirectory, candidate);
            if (File.Exists(local) && NativeLibrary.TryLoad(local, out var handle))
            {
                return handle;
            }
        }

        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            "The DuckDB library (libduckdb.so 1.5.6) was not found. The build of HighPerf.Data fetches it from the npm package " +
            "@duckdb/node-bindings-linux-x64@1.5.6-r.1 and copies it next to the application, and the NuGet package carries it " +
            $"in runtimes/linux-x64/native; put libduckdb.so next to the application or set {PathVariable} to its path.");
    }
}
