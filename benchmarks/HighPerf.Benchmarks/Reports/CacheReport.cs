using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HighPerf.Benchmarks.Caching;
using HighPerf.Benchmarks.Infrastructure;

namespace HighPerf.Benchmarks.Reports;

/// <summary>
/// <c>report cache</c>: the cache suites (keys, L1 hits, L2 hits, misses; each beside its baseline
/// and the .NET peers), then the interleaved L2 latency comparison, then
/// benchmarks/results/cache.md with the issue's bars.
/// </summary>
internal static class CacheReport
{
    private static readonly int[] s_sizes = [100, 4096];

    public static int Run(IConfig config)
    {
        var quick = BenchmarkConfig.IsQuick(config);
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverageNow();
        var summaries = BenchmarkRunner.Run([typeof(CacheKeyBenchmarks), typeof(CacheL1HitBenchmarks), typeof(CacheL2HitBenchmarks), typeof(CacheMissBenchmarks)], config);
        var complete = summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success));

        // After BenchmarkDotNet, not during: both would compete for the same two cores.
        var latency = CacheL2Latency.Run(s_sizes, quick);

        var md = new StringBuilder();
        var machine = MachineInfo.Collect();
        md.AppendLine("# Two-level cache: keys, L1 and L2 hits, misses").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured on {started:yyyy-MM-dd HH:mm} UTC by `report cache`{(quick ? " (QUICK run: numbers not reliable)" : string.Empty)}. Reproduce with `benchmarks/run.sh cache`.").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| CPU | {machine.Cpu}, {machine.LogicalCores} logical cores |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| OS, .NET | {machine.OperatingSystem}; {machine.DotNet} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Load average at start, at end | {loadAtStart}; {MachineInfo.LoadAverageNow()} |").AppendLine();

        md.AppendLine("## The issue's bars").AppendLine();
        md.AppendLine("| Bar | Measured | Result |").AppendLine("|---|---|---|");
        var generated = Find(summaries, "GeneratedMethod");
        var memory = Find(summaries, "MemoryCacheTryGetValue");
        if (generated is not null && memory is not null)
        {
            var ratio = generated.Value.Mean / memory.Value.Mean;
            md.AppendLine(CultureInfo.InvariantCulture, $"| L1 hit through a generated method <= 1.5x a bare `IMemoryCache.TryGetValue` | {generated.Value.Mean:F1} ns vs {memory.Value.Mean:F1} ns = {ratio:F2}x | {Verdict(ratio <= 1.5)} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| ... and zero allocations on the `ValueTask` path | {generated.Value.Allocated} B per call | {Verdict(generated.Value.Allocated == 0)} |");
        }

        foreach (var result in latency)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| L2 hit <= 1.1x a bare GET of the same bytes ({result.ValueBytes} B, 1 caller, median of {result.Reads:N0} interleaved reads each) | {result.StoreP50Us:F1} us vs {result.BareP50Us:F1} us = {result.P50Ratio:F2}x (means {result.StoreMeanUs:F1} vs {result.BareMeanUs:F1} us = {result.MeanRatio:F2}x) | {Verdict(result.P50Ratio <= 1.1)} |");
        }

        var build = Find(summaries, "BuildKey");
        var sha = Find(summaries, "Sha256OfTheSameBytes");
        if (build is not null && sha is not null)
        {
            var speedup = sha.Value.Mean / build.Value.Mean;
            md.AppendLine(CultureInfo.InvariantCulture, $"| Key of a 3-argument method >= 10x faster than SHA-256 of the same bytes | {build.Value.Mean:F1} ns vs {sha.Value.Mean:F1} ns = {speedup:F1}x faster | {Verdict(speedup >= 10)} |");
        }

        md.AppendLine().AppendLine("## L2 latency, interleaved (one caller)").AppendLine();
        md.AppendLine("| Value | Reads each | bare GET p50 | L2 hit p50 | ratio | bare GET mean | L2 hit mean | ratio | bare p99 | L2 p99 |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in latency)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.ValueBytes} B | {r.Reads:N0} | {r.BareP50Us:F1} us | {r.StoreP50Us:F1} us | {r.P50Ratio:F2}x | {r.BareMeanUs:F1} us | {r.StoreMeanUs:F1} us | {r.MeanRatio:F2}x | {r.BareP99Us:F1} us | {r.StoreP99Us:F1} us |");
        }

        md.AppendLine().AppendLine("## BenchmarkDotNet").AppendLine();
        foreach (var summary in summaries)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type.Name ?? summary.Title}").AppendLine();
            var log = new AccumulationLogger();
            MarkdownExporter.GitHub.ExportToLog(summary, log);
            md.AppendLine(log.GetLog()).AppendLine();
        }

        Directory.CreateDirectory(RepositoryPaths.ResultsDirectory);
        var path = Path.Combine(RepositoryPaths.ResultsDirectory, "cache.md");
        File.WriteAllText(path, md.ToString());
        Console.WriteLine(quick ? $"Wrote {path} (QUICK RUN: numbers not to be trusted, do not commit)" : $"Wrote {path}");
        return complete ? 0 : 1;
    }

    /// <summary>
    /// <c>report cache-l2 [--server-cpu N]</c>: only the interleaved L2 comparison, printed (for tuning; writes nothing).
    /// With <c>--server-cpu</c>, redis-server runs on that CPU alone; run the command itself under <c>taskset</c> on
    /// another, so that neither side's threads wander between the cores (see CacheL2Latency).
    /// </summary>
    public static int RunL2Latency(bool quick, int? serverCpu)
    {
        foreach (var r in CacheL2Latency.Run(s_sizes, quick, serverCpu))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.ValueBytes} B: bare GET p50 {r.BareP50Us:F1} us, L2 hit p50 {r.StoreP50Us:F1} us ({r.P50Ratio:F2}x); means {r.BareMeanUs:F1} / {r.StoreMeanUs:F1} us ({r.MeanRatio:F2}x)"));
        }

        return 0;
    }

    private static string Verdict(bool met) => met ? "met" : "**NOT MET**";

    /// <summary>The mean (ns) and allocation per operation of a benchmark method without parameters.</summary>
    private static (double Mean, long Allocated)? Find(Summary[] summaries, string method)
    {
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                if (report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && report.ResultStatistics is { } statistics)
                {
                    return (statistics.Mean, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1);
                }
            }
        }

        return null;
    }
}
