namespace HighPerf.Data;

/// <summary>The codec of a Parquet export (<c>COMPRESSION</c> of DuckDB's <c>COPY ... TO</c>).</summary>
public enum ParquetCompression
{
    /// <summary>Zstandard: the smallest files at a good speed (DuckDB's level 3). The default.</summary>
    Zstd = 0,

    /// <summary>Snappy: fast, larger files; what many readers expect by default.</summary>
    Snappy,

    /// <summary>Gzip: small files, slow to write.</summary>
    Gzip,

    /// <summary>No compression.</summary>
    Uncompressed,
}
