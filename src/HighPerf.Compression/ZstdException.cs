using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using HighPerf.Compression.Native;

namespace HighPerf.Compression;

/// <summary>
/// The one exception type of HighPerf.Compression: a zstd operation failed. <see cref="Kind"/> says
/// why; it derives from <see cref="IOException"/> so that stream consumers catch it where they
/// already catch I/O failures.
/// </summary>
public sealed class ZstdException : IOException
{
    /// <summary>Creates an exception of the given kind.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A message for people.</param>
    public ZstdException(ZstdErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates an exception of kind <see cref="ZstdErrorKind.Unknown"/>.</summary>
    public ZstdException()
        : this(ZstdErrorKind.Unknown, "A zstd operation failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="ZstdErrorKind.Unknown"/>.</summary>
    /// <param name="message">A message for people.</param>
    public ZstdException(string message)
        : this(ZstdErrorKind.Unknown, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="ZstdErrorKind.Unknown"/> around another.</summary>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause.</param>
    public ZstdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public ZstdErrorKind Kind { get; }

    /// <summary>The <c>ZSTD_ErrorCode</c> libzstd reported, or 0 when the error was found by this library.</summary>
    public int NativeErrorCode { get; private init; }

    /// <summary>Whether the same call may succeed if tried again (only when memory ran out).</summary>
    public bool IsTransient => Kind == ZstdErrorKind.OutOfMemory;

    /// <summary>Throws when <paramref name="code"/> is a libzstd error code; returns it otherwise.</summary>
    internal static nuint ThrowIfError(nuint code)
    {
        if (NativeMethods.IsError(code) != 0)
        {
            ThrowNative(code);
        }

        return code;
    }

    [DoesNotReturn]
    internal static void ThrowNative(nuint code) => throw FromNative(code);

    internal static ZstdException FromNative(nuint code)
    {
        var error = (ZstdErrorCode)NativeMethods.GetErrorCode(code);
        var name = Marshal.PtrToStringUTF8(NativeMethods.GetErrorName(code)) ?? error.ToString();
        return new ZstdException(KindOf(error), $"zstd: {name}.") { NativeErrorCode = (int)error };
    }

    [DoesNotReturn]
    internal static void ThrowTruncated() =>
        throw new ZstdException(ZstdErrorKind.TruncatedData, "zstd: the input ended in the middle of a frame (truncated data).");

    [DoesNotReturn]
    internal static void ThrowSizeLimit(long limit) =>
        throw new ZstdException(ZstdErrorKind.SizeLimitExceeded, $"zstd: the data decompresses to more than the limit of {limit} bytes.");

    [DoesNotReturn]
    internal static void ThrowDestinationTooSmall() =>
        throw new ZstdException(ZstdErrorKind.DestinationTooSmall, "zstd: the destination is too small for the result.");

    internal static ZstdException OutOfMemory(string what) =>
        new(ZstdErrorKind.OutOfMemory, $"zstd: could not allocate a {what}.");

    private static ZstdErrorKind KindOf(ZstdErrorCode error) => error switch
    {
        ZstdErrorCode.PrefixUnknown or ZstdErrorCode.VersionUnsupported or ZstdErrorCode.FrameParameterUnsupported
            or ZstdErrorCode.CorruptionDetected or ZstdErrorCode.ChecksumWrong or ZstdErrorCode.LiteralsHeaderWrong
            or ZstdErrorCode.TableLogTooLarge or ZstdErrorCode.MaxSymbolValueTooLarge or ZstdErrorCode.MaxSymbolValueTooSmall
            => ZstdErrorKind.CorruptData,
        ZstdErrorCode.SrcSizeWrong => ZstdErrorKind.TruncatedData,
        ZstdErrorCode.FrameParameterWindowTooLarge => ZstdErrorKind.SizeLimitExceeded,
        ZstdErrorCode.DictionaryCorrupted or ZstdErrorCode.DictionaryWrong or ZstdErrorCode.DictionaryCreationFailed
            => ZstdErrorKind.Dictionary,
        ZstdErrorCode.ParameterUnsupported or ZstdErrorCode.ParameterCombinationUnsupported or ZstdErrorCode.ParameterOutOfBound
            => ZstdErrorKind.InvalidParameter,
        ZstdErrorCode.MemoryAllocation or ZstdErrorCode.WorkSpaceTooSmall => ZstdErrorKind.OutOfMemory,
        ZstdErrorCode.DstSizeTooSmall or ZstdErrorCode.NoForwardProgressDestFull => ZstdErrorKind.DestinationTooSmall,
        _ => ZstdErrorKind.Unknown,
    };
}
