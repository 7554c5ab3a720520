using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HighPerf.Benchmarks.Compression;
using HighPerf.Benchmarks.Infrastructure;

namespace HighPerf.Benchmarks.Reports;

/// <summary>
/// <c>report compression</c>: the compression suites, then <c>zstd -b</c> on the same slices, then
/// benchmarks/results/compression.md with the machine, the tables and the bars.
/// </summary>
internal static class CompressionReport
{
    /// <summary>The zstd levels the tool is run at, the ones our suite measures.</summary>
    public static readonly int[] ToolLevels = [1, 3, -5];

    public static readonly int[] Slices = [Corpus.SmallSlice, Corpus.LargeSlice];

    public static int Run(IConfig config)
    {
        var quick = BenchmarkConfig.IsQuick(config);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Collect();
        var corpus = Corpus.FilePath;

        var summaries = BenchmarkRunner.Run([typeof(CompressionBenchmarks), typeof(DecompressionBenchmarks)], config);
        var complete = summaries.Length == 2 && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success));

        // After BenchmarkDotNet, not during: the two would compete for the same two cores.
        var tool = BenchZstdCli(seconds: quick ? 1 : 3);

        var results = CodecResult.From(summaries);
        var bars = CompressionBars.Evaluate(results, tool);
        var document = new CompressionDocument(
            quick,
            started,
            clock.Elapsed,
            machine,
            MachineInfo.LoadAverageNow(),
            corpus,
            results,
            tool,
            bars,
            summaries.Select(s => (Title(s), GitHubMarkdown(s))).ToArray());

        Directory.CreateDirectory(RepositoryPaths.ResultsDirectory);
        var path = Path.Combine(RepositoryPaths.ResultsDirectory, "compression.md");
        File.WriteAllText(path, CompressionMarkdown.Render(document));

        Console.WriteLine();
        Console.WriteLine(quick ? $"Wrote {path} (QUICK RUN: numbers not to be trusted, do not commit)" : $"Wrote {path}");
        foreach (var bar in bars)
        {
            Console.WriteLine($"{bar.Verdict}  {bar.Name}: {bar.Numbers}");
        }

        if (!complete)
        {
            Console.Error.WriteLine("Some benchmarks failed or did not run; the report has gaps.");
        }

        return complete ? 0 : 1;
    }

    private static List<ZstdCliResult> BenchZstdCli(int seconds)
    {
        var folder = Directory.CreateTempSubdirectory("highperf-zstd-bench-");
        try
        {
            var results = new List<ZstdCliResult>();
            foreach (var slice in Slices)
            {
                var file = Path.Combine(folder.FullName, $"slice{slice}.jsonl");
                File.WriteAllBytes(file, Corpus.Read(slice));
                foreach (var level in ToolLevels)
                {
                    Console.WriteLine($"// zstd -b: level {level}, {slice} bytes, {seconds} s per direction");
                    results.Add(ZstdCli.Bench(file, level, seconds));
                }
            }

            return results;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Title(Summary summary)
        => summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type.Name ?? summary.Title;

    /// <summary>The same text BenchmarkDotNet writes to its *-report-github.md file.</summary>
    private static string GitHubMarkdown(Summary summary)
    {
        var log = new AccumulationLogger();
        MarkdownExporter.GitHub.ExportToLog(summary, log);
        return log.GetLog();
    }
}
