using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using HighPerf.Compression.Native;

namespace HighPerf.Caching.Keys.Native;

/// <summary>The one resolver for libxxhash (see HighPerf.Compression's <c>NativeLibraryResolver</c>).</summary>
internal static class XxHashLibrary
{
    /// <summary>The name every <c>LibraryImport</c> of libxxhash in this assembly uses.</summary>
    internal const string Name = "libxxhash";

    internal const string PathVariable = "HIGHPERF_LIBXXHASH_PATH";

    internal static readonly NativeLibraryResolver Resolver = new(
        Name,
        PathVariable,
        OperatingSystem.IsWindows()
            ? ["xxhash.dll", "libxxhash.dll"]
            : OperatingSystem.IsMacOS()
                ? ["libxxhash.0.dylib", "libxxhash.dylib"]
                : ["libxxhash.so.0", "libxxhash.so"],
        "The xxHash library (libxxhash.so.0) was not found. Install the Debian/Ubuntu package 'libxxhash0' (apt-get install libxxhash0).");

    // At load, not in a static constructor of NativeMethods: a type with one pays an initialization
    // check on calls the JIT cannot prove come after it, and key hashing is on every cache hit.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "It only registers this assembly's native library resolver, which must precede any import.")]
    internal static void RegisterResolver() => Resolver.Register(typeof(XxHashLibrary).Assembly);
}
