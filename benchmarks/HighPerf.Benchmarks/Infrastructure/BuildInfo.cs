using System.Reflection;

namespace HighPerf.Benchmarks.Infrastructure;

/// <summary>
/// What the build recorded about itself (see the csproj): the executable may run from an artifacts
/// folder far from the sources, and BenchmarkDotNet's child processes run from folders of their own.
/// </summary>
internal static class BuildInfo
{
    /// <summary>The folder of HighPerf.Benchmarks.csproj at build time.</summary>
    public static string? ProjectDirectory { get; } = Read("HighPerf.ProjectDirectory");

    /// <summary>The <c>--artifacts-path</c> the build used, or <see langword="null"/> for a plain bin/obj build.</summary>
    public static string? ArtifactsPath { get; } = Read("HighPerf.ArtifactsPath");

    private static string? Read(string key)
    {
        var value = typeof(BuildInfo).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
