using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HighPerf.Benchmarks.Columns;

/// <summary>The numbers the custom columns and the reports derive from a benchmark case.</summary>
public static class CaseMeasurements
{
    /// <summary>The parameter every suite names its input size with.</summary>
    public const string SliceBytesParameter = "SliceBytes";

    /// <summary>zstd's benchmark counts 10^6 bytes to a MB; so do we, to compare like with like.</summary>
    public const double BytesPerMegabyte = 1_000_000;

    /// <summary>The case's input size in bytes, from its <see cref="SliceBytesParameter"/> parameter.</summary>
    public static int? InputBytes(BenchmarkCase benchmarkCase)
    {
        var value = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == SliceBytesParameter)?.Value;
        return value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Input megabytes per second over the mean time, or <see langword="null"/> when the case has no result.</summary>
    public static double? MegabytesPerSecond(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return InputBytes(benchmarkCase) is { } bytes && mean is > 0
            ? bytes / (mean.Value / 1e9) / BytesPerMegabyte
            : null;
    }

    /// <summary>Input size over compressed size, from one run of the case in this process (see <see cref="CompressedLengthProbe"/>).</summary>
    public static double? CompressionRatio(BenchmarkCase benchmarkCase)
        => InputBytes(benchmarkCase) is { } bytes && CompressedLengthProbe.Get(benchmarkCase) is > 0 and var compressed
            ? (double)bytes / compressed
            : null;
}
