using HighPerf.Benchmarks.Compression;

namespace HighPerf.Benchmarks.Reports;

/// <summary>
/// How the report names each benchmark, and which <c>zstd -b</c> level it lines up with. Kept out of
/// the suites: BenchmarkDotNet quotes descriptions that contain spaces, which its markdown then escapes.
/// </summary>
internal static class CodecNames
{
    private static readonly Dictionary<(string Suite, string Method), (string Name, int? ToolLevel)> s_names = new()
    {
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.GZipOptimal))] = ("GZip Optimal (zlib 6)", null),
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.GZipFastest))] = ("GZip Fastest (zlib 1)", null),
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.BrotliOptimal))] = ("Brotli Optimal (quality 4)", null),
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.Zstd1))] = ("zstd 1", 1),
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.Zstd3))] = ("zstd 3", 3),
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.ZstdFast5))] = ("zstd -5", -5),
        [(nameof(CompressionBenchmarks), nameof(CompressionBenchmarks.ZstdStream3))] = ("ZstdStream 3 (streaming)", 3),
        [(nameof(DecompressionBenchmarks), nameof(DecompressionBenchmarks.GZip))] = ("GZip (Optimal data)", null),
        [(nameof(DecompressionBenchmarks), nameof(DecompressionBenchmarks.Brotli))] = ("Brotli (quality 4 data)", null),
        [(nameof(DecompressionBenchmarks), nameof(DecompressionBenchmarks.Zstd3))] = ("zstd (level 3 data)", 3),
    };

    /// <summary>The report's name for a benchmark; its method name when it has none.</summary>
    public static string Name(string suite, string method)
        => s_names.TryGetValue((suite, method), out var entry) ? entry.Name : method;

    /// <summary>The <c>zstd -b</c> level to compare a benchmark with, if any.</summary>
    public static int? ToolLevel(string suite, string method)
        => s_names.TryGetValue((suite, method), out var entry) ? entry.ToolLevel : null;
}
