using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HighPerf.Benchmarks.Columns;

/// <summary>
/// Input size over compressed size. Not BenchmarkDotNet's Ratio column, which is time against the
/// baseline; hence the longer name.
/// </summary>
public sealed class CompressionRatioColumn : IColumn
{
    public string Id => nameof(CompressionRatioColumn);

    public string ColumnName => "Compression ratio";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Uncompressed size / compressed size (higher is smaller output); measured once in the host process";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        => CaseMeasurements.CompressionRatio(benchmarkCase)?.ToString("F3", CultureInfo.InvariantCulture) ?? "NA";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
