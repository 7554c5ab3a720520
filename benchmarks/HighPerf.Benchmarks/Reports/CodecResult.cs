using BenchmarkDotNet.Reports;
using HighPerf.Benchmarks.Columns;

namespace HighPerf.Benchmarks.Reports;

/// <summary>One benchmark's numbers on one slice, as the report's tables and bars use them.</summary>
/// <param name="Suite">The suite class, e.g. CompressionBenchmarks.</param>
/// <param name="Method">The benchmark method, to find a row without depending on its display name.</param>
/// <param name="Codec">The report's name for it, e.g. "zstd 3".</param>
/// <param name="SliceBytes">The input size.</param>
/// <param name="MegabytesPerSecond">Input MB (10^6 bytes) per second at the mean time; <see langword="null"/> when it did not run.</param>
/// <param name="Ratio">Uncompressed over compressed size; <see langword="null"/> when unknown.</param>
internal sealed record CodecResult(string Suite, string Method, string Codec, int SliceBytes, double? MegabytesPerSecond, double? Ratio)
{
    public static IReadOnlyList<CodecResult> From(IEnumerable<Summary> summaries)
        => summaries
            .SelectMany(summary => summary.BenchmarksCases.Select(c => new CodecResult(
                c.Descriptor.Type.Name,
                c.Descriptor.WorkloadMethod.Name,
                CodecNames.Name(c.Descriptor.Type.Name, c.Descriptor.WorkloadMethod.Name),
                CaseMeasurements.InputBytes(c) ?? 0,
                CaseMeasurements.MegabytesPerSecond(summary, c),
                CaseMeasurements.CompressionRatio(c))))
            .ToArray();
}
