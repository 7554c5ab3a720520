using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>
/// libzstd's stable API (zstd.h, 1.5). All sizes are <c>size_t</c>; a returned size is an error
/// code when <see cref="IsError"/> says so. Nothing returned here is owned by the caller except the
/// contexts and dictionaries, which the SafeHandles free.
/// </summary>
internal static partial class NativeMethods
{
    // Registering in the static constructor runs before the first import is bound.
    static NativeMethods() => ZstdLibrary.EnsureResolver();

    internal const ulong ContentSizeUnknown = unchecked(0UL - 1);
    internal const ulong ContentSizeError = unchecked(0UL - 2);

    // Pure functions of their argument: no allocation, no callbacks, no blocking.
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_isError")]
    [SuppressGCTransition]
    internal static partial uint IsError(nuint code);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_getErrorCode")]
    [SuppressGCTransition]
    internal static partial int GetErrorCode(nuint code);

    /// <summary>Returns a static string; never freed.</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_getErrorName")]
    internal static partial IntPtr GetErrorName(nuint code);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_versionNumber")]
    internal static partial uint VersionNumber();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_minCLevel")]
    internal static partial int MinCLevel();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_maxCLevel")]
    internal static partial int MaxCLevel();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_compressBound")]
    [SuppressGCTransition]
    internal static partial nuint CompressBound(nuint srcSize);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_getFrameContentSize")]
    internal static unsafe partial ulong GetFrameContentSize(byte* src, nuint srcSize);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_CStreamInSize")]
    internal static partial nuint CStreamInSize();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_CStreamOutSize")]
    internal static partial nuint CStreamOutSize();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_DStreamInSize")]
    internal static partial nuint DStreamInSize();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_DStreamOutSize")]
    internal static partial nuint DStreamOutSize();
}
