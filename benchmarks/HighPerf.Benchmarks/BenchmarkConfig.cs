using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using HighPerf.Benchmarks.Columns;
using HighPerf.Benchmarks.Infrastructure;
using Perfolizer.Horology;

namespace HighPerf.Benchmarks;

/// <summary>The configuration every suite runs with.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>The full job.</summary>
    public BenchmarkConfig()
        : this(quick: false)
    {
    }

    /// <param name="quick">
    /// A few short iterations to check that everything runs end to end; its numbers are not to be trusted.
    /// </param>
    public BenchmarkConfig(bool quick)
    {
        var defaults = DefaultConfig.Instance;
        AddLogger(defaults.GetLoggers().ToArray());
        AddColumnProvider(defaults.GetColumnProviders().ToArray());
        AddAnalyser(defaults.GetAnalysers().ToArray());
        AddValidator(defaults.GetValidators().ToArray());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub);
        AddColumn(new ThroughputColumn(), new CompressionRatioColumn());
        AddJob(quick ? QuickJob() : SharedMachineJob());

        // The default two minutes are not enough to rebuild the suite while other builds share the two cores.
        WithBuildTimeout(TimeSpan.FromMinutes(10));

        if (RepositoryPaths.BenchmarkDotNetArtifacts is { } artifacts)
        {
            ArtifactsPath = artifacts;
        }
    }

    /// <summary>Whether this configuration uses the quick job.</summary>
    public static bool IsQuick(IConfig config) => config.GetJobs().Any(j => j.Id == QuickJobId);

    private const string QuickJobId = "Quick";

    /// <summary>
    /// For a noisy, shared 2-core machine: one process per case keeps a suite to a few minutes;
    /// three warmups settle tiered JIT and caches; ten iterations of about 0.5 s each give a mean
    /// whose error bar shows the noise instead of hiding it.
    /// </summary>
    private static Job SharedMachineJob() => Isolated(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithId("Shared2Core"));

    private static Job QuickJob() => Isolated(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(100))
        .WithId(QuickJobId));

    /// <summary>
    /// Marks the job as the default one, so that command-line tweaks (--iterationCount and the like)
    /// adjust it instead of adding a second job, and keeps BenchmarkDotNet's builds in the artifacts folder.
    /// </summary>
    private static Job Isolated(Job job)
    {
        // BenchmarkDotNet rebuilds this project and its references to run each suite. Without the
        // artifacts path they would restore and build into src/*/obj, which other people are using.
        if (BuildInfo.ArtifactsPath is { } artifacts)
        {
            job = job.WithArguments([new MsBuildArgument($"/p:ArtifactsPath={artifacts}")]);
        }

        return job.AsDefault();
    }
}
