using System.Diagnostics.Metrics;

namespace HighPerf.Compression;

/// <summary>
/// The names HighPerf.Compression reports metrics under, for <c>AddMeter(CompressionTelemetry.MeterName)</c>.
/// Both counters carry the tag <c>operation</c> = <c>compress</c> or <c>decompress</c>, and are
/// recorded when a one-shot call returns or a <see cref="ZstdStream"/> is disposed.
/// </summary>
public static class CompressionTelemetry
{
    /// <summary>The meter's name: <c>HighPerf.Compression</c>.</summary>
    public const string MeterName = "HighPerf.Compression";

    /// <summary>Counter of uncompressed bytes (bytes) taken in by compression or given out by decompression.</summary>
    public const string UncompressedBytes = "highperf.compression.uncompressed_bytes";

    /// <summary>Counter of compressed bytes (bytes) given out by compression or taken in by decompression.</summary>
    public const string CompressedBytes = "highperf.compression.compressed_bytes";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_uncompressed = s_meter.CreateCounter<long>(UncompressedBytes, "By", "Uncompressed bytes through zstd");
    private static readonly Counter<long> s_compressed = s_meter.CreateCounter<long>(CompressedBytes, "By", "Compressed bytes through zstd");
    private static readonly KeyValuePair<string, object?> s_compress = new("operation", "compress");
    private static readonly KeyValuePair<string, object?> s_decompress = new("operation", "decompress");

    internal static void Record(bool compress, long uncompressed, long compressed)
    {
        // Enabled is false until a listener subscribes: no tag work on the hot path otherwise.
        if (s_uncompressed.Enabled)
        {
            s_uncompressed.Add(uncompressed, compress ? s_compress : s_decompress);
        }

        if (s_compressed.Enabled)
        {
            s_compressed.Add(compressed, compress ? s_compress : s_decompress);
        }
    }
}
