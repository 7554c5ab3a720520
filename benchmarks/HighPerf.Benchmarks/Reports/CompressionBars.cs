using System.Globalization;
using HighPerf.Benchmarks.Compression;
using HighPerf.Benchmarks.Infrastructure;

namespace HighPerf.Benchmarks.Reports;

/// <summary>A bar the issue set, evaluated on measured numbers.</summary>
internal sealed record BarResult(string Name, bool Passed, string Numbers)
{
    public string Verdict => Passed ? "PASS" : "FAIL";
}

/// <summary>The compression issue's acceptance bars, on the large slice.</summary>
internal static class CompressionBars
{
    /// <summary>zstd 3 must compress at least this many times faster than GZip Optimal.</summary>
    public const double SpeedupOverGZip = 3.0;

    /// <summary>Our zstd 3 must reach at least this share of the zstd tool's own speed.</summary>
    public const double ShareOfToolSpeed = 0.85;

    public static IReadOnlyList<BarResult> Evaluate(IReadOnlyList<CodecResult> results, IReadOnlyList<ZstdCliResult> cli)
    {
        var zstd = Find(results, nameof(CompressionBenchmarks.Zstd3));
        var gzip = Find(results, nameof(CompressionBenchmarks.GZipOptimal));
        var tool = cli.FirstOrDefault(r => r.Level == 3 && r.InputBytes == Corpus.LargeSlice);
        return [FasterThanGZip(zstd, gzip), CloseToTool(zstd, tool)];
    }

    private static BarResult FasterThanGZip(CodecResult? zstd, CodecResult? gzip)
    {
        const string Name = "(a) zstd 3 compresses the 4 MiB slice >= 3x faster than GZip Optimal, with a ratio no worse";
        if (zstd is not { MegabytesPerSecond: { } zs, Ratio: { } zr } || gzip is not { MegabytesPerSecond: { } gs, Ratio: { } gr })
        {
            return new BarResult(Name, false, "no result for zstd 3 or GZip Optimal");
        }

        var speedup = zs / gs;
        var passed = speedup >= SpeedupOverGZip && zr >= gr;
        return new BarResult(Name, passed, Format(
            $"zstd 3 {zs:F1} MB/s vs GZip Optimal {gs:F1} MB/s = {speedup:F2}x (needs >= {SpeedupOverGZip:F1}x); ratio {zr:F3} vs {gr:F3} (needs >=)"));
    }

    private static BarResult CloseToTool(CodecResult? zstd, ZstdCliResult? tool)
    {
        const string Name = "(b) zstd 3 on the 4 MiB slice reaches >= 85% of `zstd -b3` on the same slice";
        if (zstd is not { MegabytesPerSecond: { } zs } || tool is null)
        {
            return new BarResult(Name, false, "no result for zstd 3 or for zstd -b3");
        }

        var share = zs / tool.CompressMegabytesPerSecond;
        return new BarResult(Name, share >= ShareOfToolSpeed, Format(
            $"ours {zs:F1} MB/s vs tool {tool.CompressMegabytesPerSecond:F1} MB/s = {share * 100:F0}% (needs >= {ShareOfToolSpeed * 100:F0}%)"));
    }

    private static CodecResult? Find(IReadOnlyList<CodecResult> results, string method)
        => results.FirstOrDefault(r => r.Suite == nameof(CompressionBenchmarks) && r.Method == method && r.SliceBytes == Corpus.LargeSlice);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
