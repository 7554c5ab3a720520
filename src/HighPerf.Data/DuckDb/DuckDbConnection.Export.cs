using HighPerf.Data.DuckDb;

namespace HighPerf.Data;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Writes the rows of <paramref name="query"/> to a Parquet file with DuckDB's <c>COPY ... TO</c>. The
    /// path must lie inside one of <see cref="DuckDbOptions.AllowedDirectories"/> after normalization and
    /// with symbolic links resolved (a relative path is taken inside the first one); missing folders
    /// below it are created. An existing file is replaced.
    /// </summary>
    /// <param name="query">A query written by the application (not by its users), e.g. <c>SELECT * FROM events</c> or <c>FROM events</c>.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="compression">The Parquet codec; default zstd.</param>
    /// <param name="cancellationToken">Interrupts the export.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="DuckDbException">The path is outside the allowed folders (kind <see cref="DuckDbErrorKind.PermissionDenied"/>), or DuckDB failed.</exception>
    public long ExportParquet(string query, string path, ParquetCompression compression = ParquetCompression.Zstd, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var target = _database.ResolveExportPath(path);
        var codec = compression switch
        {
            ParquetCompression.Zstd => "zstd",
            ParquetCompression.Snappy => "snappy",
            ParquetCompression.Gzip => "gzip",
            ParquetCompression.Uncompressed => "uncompressed",
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown Parquet compression."),
        };

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // The query sits on lines of its own, so a trailing "--" comment in it cannot swallow the TO
        // clause, and preparing rejects anything that is not one single COPY statement.
        var sql = $"COPY (\n{query}\n) TO {Sql.Literal(target)} (FORMAT parquet, COMPRESSION {codec})";
        using var activity = DataTelemetry.StartDuckDb("export");
        try
        {
            using var statement = Prepare(sql);
            var rows = statement.ExecuteScalar<long>(cancellationToken);
            DataTelemetry.RecordExported(rows);
            activity?.SetTag("db.response.returned_rows", rows);
            return rows;
        }
        catch (Exception ex)
        {
            DataTelemetry.Fail(activity, ex);
            throw;
        }
    }
}
