namespace HighPerf.Sample.Api;

/// <summary>Limits of the high-performance data API, bound from <c>HighPerf:Api</c>.</summary>
internal sealed class ApiOptions
{
    internal const string SectionName = "HighPerf:Api";

    /// <summary>The largest bulk body in bytes, after decompression; default 1 GiB (Kestrel answers 413 past it).</summary>
    public long MaxBulkBodyBytes { get; set; } = 1L << 30;

    /// <summary>The largest schema definition, export or benchmark body in bytes; default 1 MiB.</summary>
    public int MaxSmallBodyBytes { get; set; } = 1 << 20;

    /// <summary>The most rows a benchmark generates; default 100,000 (the naive path inserts them one by one: about a thousand a second on DuckDB).</summary>
    public int MaxBenchmarkRows { get; set; } = 100_000;

    /// <summary>The rows a benchmark generates when the body does not say; default 5,000.</summary>
    public int DefaultBenchmarkRows { get; set; } = 5_000;
}
