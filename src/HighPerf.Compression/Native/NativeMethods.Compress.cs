using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

internal static partial class NativeMethods
{
    /// <summary>Caller owns the context; free with <see cref="FreeCCtx"/> (done by <see cref="SafeCCtxHandle"/>).</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_createCCtx")]
    internal static partial IntPtr CreateCCtx();

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_freeCCtx")]
    internal static partial nuint FreeCCtx(IntPtr cctx);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_CCtx_reset")]
    internal static partial nuint CCtxReset(SafeCCtxHandle cctx, ResetDirective reset);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_CCtx_setParameter")]
    internal static partial nuint CCtxSetParameter(SafeCCtxHandle cctx, CParameter param, int value);

    /// <summary>Compresses at <paramref name="level"/> and resets every other sticky parameter.</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_compressCCtx")]
    internal static unsafe partial nuint CompressCCtx(SafeCCtxHandle cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);

    /// <summary>The dictionary is referenced, not copied: it must outlive every use.</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_compress_usingCDict")]
    internal static unsafe partial nuint CompressUsingCDict(SafeCCtxHandle cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, SafeCDictHandle cdict);

    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_compressStream2")]
    internal static unsafe partial nuint CompressStream2(SafeCCtxHandle cctx, OutBuffer* output, InBuffer* input, EndDirective endOp);

    /// <summary>Referenced until the next reset of parameters; the CDict must outlive the session.</summary>
    [LibraryImport(ZstdLibrary.Name, EntryPoint = "ZSTD_CCtx_refCDict")]
    internal static partial nuint CCtxRefCDict(SafeCCtxHandle cctx, SafeCDictHandle cdict);
}
