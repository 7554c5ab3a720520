namespace HighPerf.Data.Arrow;

/// <summary>Settings of an <see cref="ArrowStreamWriter"/>.</summary>
public sealed class ArrowIpcWriteOptions
{
    /// <summary>The defaults: no compression, 64-byte buffer alignment.</summary>
    public static ArrowIpcWriteOptions Default { get; } = new();

    /// <summary>Body compression; <see cref="ArrowIpcCompression.None"/> by default.</summary>
    public ArrowIpcCompression Compression { get; init; }

    /// <summary>The zstd level when compressing: 1 by default (what Arrow C++ and pyarrow use), from <c>Zstd.MinLevel</c> to 22.</summary>
    public int CompressionLevel { get; init; } = 1;

    /// <summary>
    /// The alignment of uncompressed body buffers, in bytes: 64 by default (the format's recommendation, so
    /// readers can map buffers for SIMD) or 8 (the minimum, smaller for many small buffers). Compressed
    /// buffers are always aligned to 8.
    /// </summary>
    public int BufferAlignment { get; init; } = 64;
}
