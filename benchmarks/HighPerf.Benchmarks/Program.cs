using BenchmarkDotNet.Running;
using HighPerf.Benchmarks.Infrastructure;
using HighPerf.Benchmarks.Reports;

namespace HighPerf.Benchmarks;

/// <summary>
/// <c>[--quick] [BenchmarkDotNet options]</c> runs suites through BenchmarkDotNet's switcher;
/// <c>report compression [--quick]</c> runs the compression suites and the zstd command-line
/// benchmark, then writes benchmarks/results/compression.md; <c>report redis [--quick]</c> runs
/// redis-benchmark and our client side by side and writes benchmarks/results/redis.md; <c>report cache
/// [--quick]</c> runs the cache suites and writes benchmarks/results/cache.md; <c>report postgres [--quick]</c> runs
/// the PostgreSQL bridge suites and writes benchmarks/results/postgres.md; <c>report streaming [--quick]</c> streams a
/// 10-million-row data set by offset and by keyset and writes benchmarks/results/streaming.md and streaming.svg.
/// </summary>
public static class Program
{
    private const string QuickFlag = "--quick";

    public static int Main(string[] args)
    {
        // Our flag, not BenchmarkDotNet's: the config's job is the default job, which BenchmarkDotNet's own --job would not replace.
        var quick = args.Contains(QuickFlag, StringComparer.Ordinal);
        args = [.. args.Where(a => a != QuickFlag)];
        var config = new BenchmarkConfig(quick);

        Corpus.PinPathForChildProcesses();
        EnterRepository();

        if (args is ["bulk-json", .. var bulk])
        {
            return BulkJson.BulkJsonCommand.Run(bulk);
        }

        if (args is ["report", .. var rest])
        {
            return rest switch
            {
                ["compression"] => CompressionReport.Run(config),
                ["redis"] => Caching.RedisLoadReport.Run(quick),
                ["cache"] => CacheReport.Run(config),
                ["cache-l2"] => CacheReport.RunL2Latency(quick, serverCpu: null),
                ["cache-l2", "--server-cpu", var cpu] => CacheReport.RunL2Latency(quick, int.Parse(cpu, System.Globalization.CultureInfo.InvariantCulture)),
                ["postgres"] => PostgresReport.Run(config),
                ["streaming"] => Streaming.StreamingReport.Run(quick),
                ["streaming", "--batch", var sizes] => Streaming.StreamingReport.Run(quick, Streaming.StreamingReport.ParseBatchSizes(sizes)),
                ["streaming-plans"] => Streaming.StreamingReport.Plans(quick),
                _ => Usage(),
            };
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>
    /// BenchmarkDotNet finds this project's .csproj by searching from the current directory, so a run
    /// started outside the repository (say, from the artifacts folder) would not find it.
    /// </summary>
    private static void EnterRepository()
    {
        if (RepositoryPaths.Root is not { } root)
        {
            return;
        }

        var current = Path.GetFullPath(Environment.CurrentDirectory);
        var inside = (current + Path.DirectorySeparatorChar).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside)
        {
            Environment.CurrentDirectory = root;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: HighPerf.Benchmarks [--quick] [BenchmarkDotNet options]");
        Console.Error.WriteLine("       HighPerf.Benchmarks report compression [--quick]");
        Console.Error.WriteLine("       HighPerf.Benchmarks report redis [--quick]");
        Console.Error.WriteLine("       HighPerf.Benchmarks report cache [--quick]");
        Console.Error.WriteLine("       HighPerf.Benchmarks report postgres [--quick]");
        Console.Error.WriteLine("       HighPerf.Benchmarks report streaming [--batch 100000,50000] [--quick]");
        return 2;
    }
}
