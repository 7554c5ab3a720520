using HighPerf.Data.Arrow;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Inserts Arrow record batches into <paramref name="table"/> with DuckDB's own parallel insert: the batches are
    /// registered for the statement's duration as a table DuckDB scans in place, and one
    /// <c>INSERT INTO table SELECT * FROM it</c> copies them in, all or nothing. Faster than
    /// <see cref="DuckDbAppender"/> for large batches on several cores; the columns must be in the table's order,
    /// converted by DuckDB's rules for casts.
    /// </summary>
    /// <param name="table">The table's name (quoted here, so pass it as written in the catalog).</param>
    /// <param name="schema">The batches' schema.</param>
    /// <param name="batches">The rows; they stay the caller's, and must not be disposed while this runs.</param>
    /// <param name="cancellationToken">Interrupts the insert (nothing is inserted).</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="DuckDbException">DuckDB refused the rows (types, constraints).</exception>
    public long InsertArrow(string table, Schema schema, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        var name = "highperf_insert_" + Guid.NewGuid().ToString("N");
        using var registered = _database.RegisterArrowTable(name, schema, batches, ownsBatches: false);
        return Execute($"INSERT INTO {Sql.Identifier(table)} SELECT * FROM {ArrowTables.FunctionName}({Sql.Literal(name)})", cancellationToken);
    }
}
