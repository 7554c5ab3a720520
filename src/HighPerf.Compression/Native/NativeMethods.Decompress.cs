using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

internal static partial class NativeMethods
{
    /// <summary>Caller owns the context; free with <see cref="FreeDCtx"/> (done by <see cref="SafeDCtxHandle"/>).</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_createDCtx")]
    internal static partial IntPtr CreateDCtx();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_freeDCtx")]
    internal static partial nuint FreeDCtx(IntPtr dctx);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_DCtx_reset")]
    internal static partial nuint DCtxReset(SafeDCtxHandle dctx, ResetDirective reset);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_DCtx_setParameter")]
    internal static partial nuint DCtxSetParameter(SafeDCtxHandle dctx, DParameter param, int value);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_decompressDCtx")]
    internal static unsafe partial nuint DecompressDCtx(SafeDCtxHandle dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_decompress_usingDDict")]
    internal static unsafe partial nuint DecompressUsingDDict(SafeDCtxHandle dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, SafeDDictHandle ddict);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_decompressStream")]
    internal static unsafe partial nuint DecompressStream(SafeDCtxHandle dctx, OutBuffer* output, InBuffer* input);

    /// <summary>Referenced until the next reset of parameters; the DDict must outlive the session.</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_DCtx_refDDict")]
    internal static partial nuint DCtxRefDDict(SafeDCtxHandle dctx, SafeDDictHandle ddict);
}
