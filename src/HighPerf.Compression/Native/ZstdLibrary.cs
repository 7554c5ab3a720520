using System.Reflection;
using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>
/// The one resolver for libzstd: an explicit path from <see cref="PathVariable"/>, then the
/// application folder, then the system's loader. A miss names the package to install instead of
/// the runtime's generic "unable to load shared library".
/// </summary>
internal static class ZstdLibrary
{
    /// <summary>The name every <c>LibraryImport</c> in this assembly uses.</summary>
    internal const string Name = "libzstd";

    internal const string PathVariable = "HIGHPERF_LIBZSTD_PATH";

    private static readonly string[] s_candidates = OperatingSystem.IsWindows()
        ? ["libzstd.dll", "zstd.dll"]
        : OperatingSystem.IsMacOS()
            ? ["libzstd.1.dylib", "libzstd.dylib"]
            : ["libzstd.so.1", "libzstd.so"];

    private static int s_registered;

    internal static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(ZstdLibrary).Assembly, Resolve);
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
                : throw new DllNotFoundException($"{PathVariable} points to '{overridePath}', which could not be loaded as libzstd.");
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
            "The Zstandard library (libzstd.so.1) was not found. Install the Debian/Ubuntu package 'libzstd1' " +
            $"(apt-get install libzstd1), put the library next to the application, or set {PathVariable} to its path.");
    }
}
