namespace HighPerf.Compression;

/// <summary>Settings of one <see cref="ZstdStream"/>.</summary>
public sealed class ZstdStreamOptions
{
    /// <summary>Compression level, from <see cref="Zstd.MinLevel"/> (fastest) to <see cref="Zstd.MaxLevel"/>; default 3.</summary>
    public int Level { get; set; } = Zstd.DefaultLevel;

    /// <summary>A dictionary both sides share; <see langword="null"/> (the default) for none.</summary>
    public ZstdDictionary? Dictionary { get; set; }

    /// <summary>Whether compressed frames carry a content checksum (XXH64, 4 bytes); default <see langword="false"/>.</summary>
    public bool Checksum { get; set; }

    /// <summary>
    /// Compression: the largest window (log2 bytes) the encoder may use, so that decoders with a
    /// memory limit can read the output (HTTP's zstd coding allows at most 23, 8 MiB).
    /// Decompression: the largest window accepted; frames that need more fail with
    /// <see cref="ZstdErrorKind.SizeLimitExceeded"/>. <see langword="null"/> (the default) leaves
    /// libzstd's own rules (levels choose; decoders accept up to 27, 128 MiB).
    /// </summary>
    public int? WindowLog { get; set; }

    /// <summary>
    /// Decompression only: the most bytes the stream will produce; reading past it throws
    /// <see cref="ZstdException"/> of kind <see cref="ZstdErrorKind.SizeLimitExceeded"/>.
    /// <see langword="null"/> (the default) for no limit.
    /// </summary>
    public long? MaxDecompressedLength { get; set; }
}
