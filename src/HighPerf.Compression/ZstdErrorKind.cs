namespace HighPerf.Compression;

/// <summary>What went wrong in a <see cref="ZstdException"/>.</summary>
public enum ZstdErrorKind
{
    /// <summary>An error libzstd reports that fits no other kind.</summary>
    Unknown = 0,

    /// <summary>The input is not zstd data, or is damaged (bad magic number, corrupt block, wrong checksum).</summary>
    CorruptData,

    /// <summary>The input ended before its last frame did.</summary>
    TruncatedData,

    /// <summary>The dictionary is missing, wrong for this frame, damaged, or could not be trained.</summary>
    Dictionary,

    /// <summary>The destination span is too small for the result.</summary>
    DestinationTooSmall,

    /// <summary>The data decompresses past the configured maximum size, or needs a larger window than allowed.</summary>
    SizeLimitExceeded,

    /// <summary>A parameter (level, window size) is outside what libzstd accepts.</summary>
    InvalidParameter,

    /// <summary>libzstd could not allocate memory.</summary>
    OutOfMemory,
}
