using HighPerf.Data.Arrow;

namespace HighPerf.Data;

public sealed partial class PostgresArrowClient
{
    /// <summary>
    /// Reads <paramref name="sql"/>'s rows from PostgreSQL as Arrow (<see cref="ReadAsync"/>) and registers them in
    /// <paramref name="connection"/>'s DuckDB database as a table named <paramref name="viewName"/>, which DuckDB scans in
    /// place (no copy into DuckDB's storage), so the same analytics SQL runs on both. The rows are held in native
    /// memory until the returned registration is disposed.
    /// </summary>
    /// <param name="connection">A connection of the DuckDB database to register the rows in; every connection of it sees them.</param>
    /// <param name="viewName">The name DuckDB queries the rows by.</param>
    /// <param name="sql">The PostgreSQL query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The registration; dispose it to unregister the name and free the rows.</returns>
    public async Task<DuckDbArrowTable> RegisterInDuckDbAsync(DuckDbConnection connection, string viewName, string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(viewName);
        var batches = new List<RecordBatch>();
        try
        {
            await foreach (var batch in ReadAsync(sql, null, 0, cancellationToken).ConfigureAwait(false))
            {
                batches.Add(batch);
            }

            var table = connection.Database.RegisterArrowTable(viewName, batches[0].Schema, batches);
            batches.Clear();
            return table;
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }
}
