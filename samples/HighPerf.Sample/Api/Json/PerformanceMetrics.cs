using System.Text.Json;

namespace HighPerf.Sample.Api.Json;

/// <summary>
/// The <c>performance_metrics</c> block every high-performance response carries:
/// <c>{duration_ms, throughput_rps, method, memory_usage_mb}</c>. Memory is the process's working set (resident
/// memory), the figure a container limit is measured against.
/// </summary>
internal readonly record struct PerformanceMetrics(double DurationMs, double ThroughputRps, string Method, double MemoryUsageMb)
{
    private const double Mebibyte = 1024 * 1024;

    /// <summary>Metrics of <paramref name="rows"/> handled in <paramref name="duration"/> by <paramref name="method"/>, memory measured now.</summary>
    internal static PerformanceMetrics Measure(string method, long rows, TimeSpan duration) => new(
        Math.Round(duration.TotalMilliseconds, 3),
        Math.Round(duration.TotalSeconds > 0 ? rows / duration.TotalSeconds : 0, 1),
        method,
        Math.Round(Environment.WorkingSet / Mebibyte, 1));

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("performance_metrics"u8);
        writer.WriteNumber("duration_ms"u8, DurationMs);
        writer.WriteNumber("throughput_rps"u8, ThroughputRps);
        writer.WriteString("method"u8, Method);
        writer.WriteNumber("memory_usage_mb"u8, MemoryUsageMb);
        writer.WriteEndObject();
    }
}
