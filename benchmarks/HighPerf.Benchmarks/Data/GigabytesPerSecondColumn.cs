using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HighPerf.Benchmarks.Columns;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// GB/s (10^9 bytes per second): the byte count the benchmark returns (read once in the host process, see
/// <see cref="CompressedLengthProbe"/>) over its mean time.
/// </summary>
public sealed class GigabytesPerSecondColumn : IColumn
{
    public string Id => nameof(GigabytesPerSecondColumn);

    public string ColumnName => "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes the benchmark returns (the uncompressed IPC stream's length), in 10^9 bytes, per second at the mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var bytes = CompressedLengthProbe.Get(benchmarkCase);
        return mean is > 0 && bytes > 0 ? (bytes / (mean.Value / 1e9) / 1e9).ToString("F2", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
