namespace HighPerf.Data.DataSets;

/// <summary>Settings of the data set registry, bound from <c>HighPerf:DataSets</c>.</summary>
public sealed class DataSetOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "HighPerf:DataSets";

    /// <summary>
    /// Where Parquet exports are written; <see langword="null"/> (the default) means <c>{HighPerf:DataDirectory}/exports</c>.
    /// The folder must be one of the DuckDB database's allowed directories.
    /// </summary>
    public string? ExportDirectory { get; set; }

    /// <summary>Rows per Arrow batch a JSON bulk body is cut into; default 65,536.</summary>
    public int BatchRows { get; set; } = 65_536;

    /// <summary>The most records one bulk insert takes; default 10,000,000.</summary>
    public long MaxBulkRows { get; set; } = 10_000_000;

    /// <summary>The most rows a query returns; default 10,000 (the default limit is 100).</summary>
    public int MaxQueryRows { get; set; } = 10_000;
}
