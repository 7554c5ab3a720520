using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary><c>ZSTD_inBuffer</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InBuffer
{
    public byte* Src;
    public nuint Size;
    public nuint Pos;
}

/// <summary><c>ZSTD_outBuffer</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OutBuffer
{
    public byte* Dst;
    public nuint Size;
    public nuint Pos;
}

/// <summary><c>ZSTD_EndDirective</c>.</summary>
internal enum EndDirective
{
    Continue = 0,
    Flush = 1,
    End = 2,
}

/// <summary><c>ZSTD_ResetDirective</c>.</summary>
internal enum ResetDirective
{
    SessionOnly = 1,
    Parameters = 2,
    SessionAndParameters = 3,
}

/// <summary>The subset of <c>ZSTD_cParameter</c> this library sets.</summary>
internal enum CParameter
{
    CompressionLevel = 100,
    WindowLog = 101,
    ChecksumFlag = 201,
}

/// <summary>The subset of <c>ZSTD_dParameter</c> this library sets.</summary>
internal enum DParameter
{
    WindowLogMax = 100,
}

/// <summary><c>ZSTD_ErrorCode</c> from zstd_errors.h (values are part of the stable ABI).</summary>
internal enum ZstdErrorCode
{
    NoError = 0,
    Generic = 1,
    PrefixUnknown = 10,
    VersionUnsupported = 12,
    FrameParameterUnsupported = 14,
    FrameParameterWindowTooLarge = 16,
    CorruptionDetected = 20,
    ChecksumWrong = 22,
    LiteralsHeaderWrong = 24,
    DictionaryCorrupted = 30,
    DictionaryWrong = 32,
    DictionaryCreationFailed = 34,
    ParameterUnsupported = 40,
    ParameterCombinationUnsupported = 41,
    ParameterOutOfBound = 42,
    TableLogTooLarge = 44,
    MaxSymbolValueTooLarge = 46,
    MaxSymbolValueTooSmall = 48,
    StabilityConditionNotRespected = 50,
    StageWrong = 60,
    InitMissing = 62,
    MemoryAllocation = 64,
    WorkSpaceTooSmall = 66,
    DstSizeTooSmall = 70,
    SrcSizeWrong = 72,
    DstBufferNull = 74,
    NoForwardProgressDestFull = 80,
    NoForwardProgressInputEmpty = 82,
}
