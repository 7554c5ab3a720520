namespace HighPerf.Data.Arrow;

/// <summary>How an IPC writer compresses record batch bodies.</summary>
public enum ArrowIpcCompression
{
    /// <summary>No compression (the default): buffers go out as they are in memory.</summary>
    None = 0,

    /// <summary>Each buffer compressed on its own with Zstandard (the format's <c>BodyCompression</c> with codec ZSTD).</summary>
    Zstd,
}
