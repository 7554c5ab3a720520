using System.Globalization;
using HighPerf.Benchmarks.Infrastructure;
using HighPerf.Benchmarks.Reports;
using HighPerf.Data;
using HighPerf.Data.DataSets;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>
/// <c>report streaming [--quick]</c>: streams a 10-million-row data set completely by offset and by keyset at fixed batch
/// sizes, three times each (interleaved), and writes the median time of each batch by its index, the totals and the
/// memory to benchmarks/results/streaming.md, with the line chart streaming.svg. Not a BenchmarkDotNet suite: one
/// stream is the measurement, and what matters is how its batches change along it.
/// </summary>
internal static class StreamingReport
{
    private const long FullRows = 10_000_000;
    private const long QuickRows = 1_000_000;
    private const int Repetitions = 3;

    public static int Run(bool quick, IReadOnlyList<int>? batchSizes = null) => RunAsync(quick, batchSizes).GetAwaiter().GetResult();

    private static string Command(bool quick, IReadOnlyList<int>? batchSizes) =>
        "benchmarks/run.sh streaming" + (batchSizes is { Count: > 0 } ? " --batch " + string.Join(',', batchSizes) : string.Empty) + (quick ? " --quick" : string.Empty);

    /// <summary>A comma-separated list of batch sizes, e.g. <c>100000,50000</c>.</summary>
    public static int[] ParseBatchSizes(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            sizes[i] = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return sizes;
    }

    /// <summary><c>report streaming-plans [--quick]</c>: only the data set and DuckDB's plans, printed (to check a query change quickly).</summary>
    public static int Plans(bool quick)
    {
        var rows = quick ? QuickRows : FullRows;
        using var data = StreamingDataSet.CreateAsync(rows).GetAwaiter().GetResult();
        foreach (var (title, sql, plan) in QueryPlans.Explain(data.Database, StreamingDataSet.Name, rows, 100_000))
        {
            Console.WriteLine($"{title}: {sql}\n{string.Join(" > ", PlanFacts.Operators(plan))}; scanned {PlanFacts.ScannedRows(plan):N0} rows; {PlanFacts.TotalSeconds(plan) * 1000:F0} ms");
        }

        return 0;
    }

    private static async Task<int> RunAsync(bool quick, IReadOnlyList<int>? batchSizes)
    {
        var rows = quick ? QuickRows : FullRows;
        var sizes = batchSizes is { Count: > 0 } ? batchSizes : quick ? [100_000] : [100_000, 50_000];
        var repetitions = quick ? 1 : Repetitions;
        var loadBefore = MachineInfo.LoadAverageNow();

        Console.WriteLine($"Generating {rows:N0} rows...");
        using var data = await StreamingDataSet.CreateAsync(rows, 200_000);
        Console.WriteLine($"Generated in {data.Generation.TotalSeconds:F1} s, file {data.FileBytes / 1e6:F0} MB.");

        // JIT and DuckDB's first-query costs, paid on a small table so no measured run carries them.
        foreach (var strategy in new[] { DataSetStreamStrategy.Offset, DataSetStreamStrategy.Keyset })
        {
            await StreamConsumer.RunAsync(data.Registry, StreamingDataSet.WarmUpName(0), 200_000, strategy, 20_000);
        }

        var results = new List<StrategyComparison>();
        foreach (var size in sizes)
        {
            var offset = new List<StreamMeasurement>();
            var keyset = new List<StreamMeasurement>();
            for (var r = 0; r < repetitions; r++)
            {
                // Alternate which goes first, so neither always runs on a warmer or colder cache.
                var order = r % 2 == 0
                    ? new[] { DataSetStreamStrategy.Offset, DataSetStreamStrategy.Keyset }
                    : new[] { DataSetStreamStrategy.Keyset, DataSetStreamStrategy.Offset };
                foreach (var strategy in order)
                {
                    var m = await StreamConsumer.RunAsync(data.Registry, StreamingDataSet.Name, rows, strategy, size);
                    (strategy == DataSetStreamStrategy.Offset ? offset : keyset).Add(m);
                    Console.WriteLine($"batch {size:N0}, run {r + 1}, {strategy}: {m.TotalMilliseconds / 1000:F1} s, first {m.BatchMilliseconds[0]:F1} ms, last {m.BatchMilliseconds[^1]:F1} ms, peak RSS {m.PeakResidentBytes / 1e6:F0} MB");
                }
            }

            results.Add(new StrategyComparison(size, offset, keyset));
        }

        var plans = QueryPlans.Explain(data.Database, StreamingDataSet.Name, rows, sizes[0]);
        var document = StreamingMarkdown.Write(new StreamingRun(Command(quick, batchSizes), rows, repetitions, quick, data.Generation, data.FileBytes, DuckDbDatabase.LibraryVersion, loadBefore, MachineInfo.LoadAverageNow()), results, plans);

        var folder = RepositoryPaths.ResultsDirectory;
        var markdown = Path.Combine(folder, quick ? "streaming-quick.md" : "streaming.md");
        await File.WriteAllTextAsync(markdown, document);
        foreach (var comparison in results)
        {
            var svgName = StreamingChart.FileName(quick, comparison.BatchSize, first: comparison.BatchSize == sizes[0]);
            await File.WriteAllTextAsync(Path.Combine(folder, svgName), StreamingChart.Render(rows, comparison));
        }

        Console.WriteLine(document);
        Console.WriteLine($"Wrote {markdown}");
        return 0;
    }
}

/// <summary>The conditions of a streaming run, for the report's head.</summary>
internal sealed record StreamingRun(string Command, long Rows, int Repetitions, bool Quick, TimeSpan Generation, long FileBytes, string DuckDbVersion, string LoadBefore, string LoadAfter);

/// <summary>The runs of both strategies at one batch size, and their medians per batch index.</summary>
internal sealed record StrategyComparison(int BatchSize, IReadOnlyList<StreamMeasurement> Offset, IReadOnlyList<StreamMeasurement> Keyset)
{
    public double[] OffsetMedians { get; } = MedianPerIndex(Offset);

    public double[] KeysetMedians { get; } = MedianPerIndex(Keyset);

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = new double[values.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double[] MedianPerIndex(IReadOnlyList<StreamMeasurement> runs)
    {
        var count = runs[0].BatchMilliseconds.Length;
        var medians = new double[count];
        var column = new double[runs.Count];
        for (var i = 0; i < count; i++)
        {
            for (var r = 0; r < runs.Count; r++)
            {
                column[r] = runs[r].BatchMilliseconds[i];
            }

            medians[i] = Median(column);
        }

        return medians;
    }
}
