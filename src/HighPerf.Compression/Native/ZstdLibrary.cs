using System.Reflection;
using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>The one resolver for libzstd (see <see cref="NativeLibraryResolver"/>).</summary>
internal static class ZstdLibrary
{
    /// <summary>The name every <c>LibraryImport</c> in this assembly uses.</summary>
    internal const string Name = "libzstd";

    internal const string PathVariable = "HIGHPERF_LIBZSTD_PATH";

    private static readonly NativeLibraryResolver s_resolver = new(
        Name,
        PathVariable,
        OperatingSystem.IsWindows()
            ? ["libzstd.dll", "zstd.dll"]
            : OperatingSystem.IsMacOS()
                ? ["libzstd.1.dylib", "libzstd.dylib"]
                : ["libzstd.so.1", "libzstd.so"],
        "The Zstandard library (libzstd.so.1) was not found. Install the Debian/Ubuntu package 'libzstd1' (apt-get install libzstd1).");

    internal static void EnsureResolver() => s_resolver.Register(typeof(ZstdLibrary).Assembly);

    /// <inheritdoc cref="NativeLibraryResolver.Load"/>
    internal static IntPtr Load(string? overridePath, string[] candidates, Assembly assembly, DllImportSearchPath? searchPath) =>
        s_resolver.Load(overridePath, candidates, assembly, searchPath);
}
