namespace HighPerf.Benchmarks.Infrastructure;

/// <summary>Finds the repository (the folder holding HighPerf.slnx) and the paths the benchmarks use in it.</summary>
public static class RepositoryPaths
{
    private const string Marker = "HighPerf.slnx";

    /// <summary>
    /// The repository root: walking up from the executable first, then from the project folder the
    /// build recorded (artifacts builds and BenchmarkDotNet's child processes run outside the repository).
    /// </summary>
    public static string? Root { get; } = FindRoot(AppContext.BaseDirectory) ?? FindRoot(BuildInfo.ProjectDirectory);

    /// <summary>Where committed reports live: benchmarks/results.</summary>
    public static string ResultsDirectory => Path.Combine(RequireRoot(), "benchmarks", "results");

    /// <summary>Where BenchmarkDotNet writes its logs and exports: benchmarks/BenchmarkDotNet.Artifacts (ignored by git).</summary>
    public static string? BenchmarkDotNetArtifacts => Root is null ? null : Path.Combine(Root, "benchmarks", "BenchmarkDotNet.Artifacts");

    /// <summary>The root, or an error that says how the repository is recognised.</summary>
    public static string RequireRoot() => Root ?? throw new InvalidOperationException(
        $"Could not find the repository (a folder containing {Marker}) above {AppContext.BaseDirectory} or {BuildInfo.ProjectDirectory ?? "the recorded project folder"}.");

    private static string? FindRoot(string? start)
    {
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
