using System.Runtime.InteropServices;

namespace HighPerf.Caching.Keys.Native;

/// <summary>libxxhash's XXH3 128-bit one-shot hash (xxhash.h, 0.8). It allocates nothing and owns nothing.</summary>
internal static partial class NativeMethods
{
    /// <summary>XXH128_hash_t: two 64-bit halves, returned by value in registers (RAX:RDX on x86-64 SysV).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct Hash128
    {
        internal readonly ulong Low64;
        internal readonly ulong High64;
    }

    // A pure function over a caller-owned buffer: no allocation, no callbacks, no locks, and it
    // returns in tens of nanoseconds for key-sized inputs, so the GC transition would cost more
    // than the hash. Inputs of megabytes go through XXH3_128bits_* streaming instead (see XxHash3).
    [LibraryImport(XxHashLibrary.Name, EntryPoint = "XXH3_128bits")]
    [SuppressGCTransition]
    internal static unsafe partial Hash128 Xxh3Hash128(byte* data, nuint length);

    /// <summary>Same hash without suppressing the GC transition, for inputs too large to hash while holding the thread in cooperative mode.</summary>
    [LibraryImport(XxHashLibrary.Name, EntryPoint = "XXH3_128bits")]
    internal static unsafe partial Hash128 Xxh3Hash128Long(byte* data, nuint length);

    /// <summary>Returns XXH_VERSION_NUMBER (major*10000 + minor*100 + release).</summary>
    [LibraryImport(XxHashLibrary.Name, EntryPoint = "XXH_versionNumber")]
    internal static partial uint VersionNumber();
}
