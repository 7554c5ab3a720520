using Npgsql;

namespace HighPerf.Data;

/// <summary>
/// Moves rows between PostgreSQL and Arrow through binary COPY, parsing and writing the COPY format itself: a
/// query's rows are read straight into Arrow column buffers (no boxing, no per-row objects, batches yielded as
/// they fill), Arrow batches or a JSON array are written straight into <c>COPY ... FROM STDIN (FORMAT BINARY)</c>
/// all or nothing, and query results can be registered in DuckDB so the same SQL runs on both. Thread-safe: each
/// call leases its own connection from the data source. The type mapping is in
/// <see cref="DataSets.DataSetTypeMap"/>.
/// </summary>
public sealed partial class PostgresArrowClient
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _defaultBatchRows;

    /// <summary>Creates a client over <paramref name="dataSource"/> (which stays the caller's to dispose).</summary>
    /// <param name="dataSource">Where connections come from.</param>
    /// <param name="defaultBatchRows">Rows per Arrow batch when a read does not say; default <see cref="PostgresOptions.DefaultCopyBatchRows"/>.</param>
    public PostgresArrowClient(NpgsqlDataSource dataSource, int defaultBatchRows = PostgresOptions.DefaultCopyBatchRows)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultBatchRows, 1);
        _dataSource = dataSource;
        _defaultBatchRows = defaultBatchRows;
    }

    /// <summary>The data source connections are leased from.</summary>
    public NpgsqlDataSource DataSource => _dataSource;
}
