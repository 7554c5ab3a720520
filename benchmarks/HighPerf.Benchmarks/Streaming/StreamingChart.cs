using System.Globalization;
using HighPerf.Benchmarks.Reports;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>The chart of a comparison: median milliseconds per batch against the batch's index, one line per strategy.</summary>
internal static class StreamingChart
{
    /// <summary>streaming.svg for the first batch size, streaming-&lt;size&gt;.svg for the others (streaming-quick... for a quick run).</summary>
    public static string FileName(bool quick, int batchSize, bool first) =>
        (quick ? "streaming-quick" : "streaming") + (first ? string.Empty : "-" + batchSize.ToString(CultureInfo.InvariantCulture)) + ".svg";

    public static string Render(long rows, StrategyComparison comparison)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"Time per batch: {rows:N0} rows in batches of {comparison.BatchSize:N0} (median of {comparison.Offset.Count})");
        return SvgLineChart.Render(
            title,
            "batch index",
            "ms per batch",
            [
                new ChartSeries("offset (ORDER BY id LIMIT n OFFSET k)", "#d62728", Points(comparison.OffsetMedians)),
                new ChartSeries("keyset (WHERE id > last ORDER BY id LIMIT n)", "#1f77b4", Points(comparison.KeysetMedians)),
            ]);
    }

    private static (double X, double Y)[] Points(double[] medians)
    {
        var points = new (double X, double Y)[medians.Length];
        for (var i = 0; i < medians.Length; i++)
        {
            points[i] = (i + 1, medians[i]);
        }

        return points;
    }
}
