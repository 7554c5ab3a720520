using BenchmarkDotNet.Configs;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// Added to the shared configuration for the DuckDB suites: their child builds carry a 70 MB native library
/// and take longer than BenchmarkDotNet's default two minutes on a busy two-core machine.
/// </summary>
public sealed class DuckDbBenchmarkConfig : ManualConfig
{
    public DuckDbBenchmarkConfig()
    {
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
