namespace HighPerf.Data.Arrow;

/// <summary>Limits of an <see cref="ArrowStreamReader"/>, so that a hostile stream cannot make it allocate without bound.</summary>
public sealed class ArrowIpcReadOptions
{
    /// <summary>The defaults.</summary>
    public static ArrowIpcReadOptions Default { get; } = new();

    /// <summary>The largest message metadata (FlatBuffer) accepted, in bytes; 16 MiB by default.</summary>
    public int MaxMetadataSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>The largest message body accepted, in bytes (compressed size as sent); 2 GiB - 1 by default, which is also the most a body can be.</summary>
    public long MaxBodySize { get; init; } = int.MaxValue;

    /// <summary>The largest size one compressed buffer may claim to decompress to, in bytes; 2 GiB - 1 by default.</summary>
    public long MaxDecompressedBufferSize { get; init; } = int.MaxValue - 64;
}
