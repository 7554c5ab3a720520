using HighPerf.Data.Arrow;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Inserts Arrow record batches into <paramref name="table"/> with DuckDB's own parallel insert, all or nothing and
    /// in order: DuckDB scans the batches in place (through its <c>arrow_scan</c>, over a view that exists only inside
    /// the transaction) and one <c>INSERT INTO table SELECT</c> copies them in, on all its threads. It runs in its own
    /// transaction, or in the one open on this connection. The columns must be in the table's order (their names are
    /// not used) and are converted by DuckDB's rules for casts (text into a JSON column is parsed);
    /// <see cref="DuckDbAppender.Append(RecordBatch)"/> takes the same path itself for large batches of the table's own types.
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
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        return InsertArrow(Sql.Identifier(table), columns: null, schema, batches, cancellationToken);
    }

    /// <summary>
    /// <see cref="InsertArrow(string, Schema, IReadOnlyList{RecordBatch}, CancellationToken)"/> into a quoted table, of
    /// all its columns by position, or of <paramref name="columns"/> (a quoted list) taken from the batches by name.
    /// </summary>
    internal long InsertArrow(string quotedTable, string? columns, Schema schema, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken)
    {
        // In autocommit mode every statement has a transaction id of its own; inside an open transaction they share it.
        var own = ExecuteScalar<long>(TransactionIdSql, cancellationToken) != ExecuteScalar<long>(TransactionIdSql, cancellationToken);
        var handle = Enter();
        try
        {
            if (own)
            {
                Transactions.Begin(handle);
            }

            try
            {
                var inserted = columns is null
                    ? ArrowStreamInsert.Run(handle, quotedTable, ArrowStreamInsert.Positional(schema), batches, cancellationToken)
                    : ArrowStreamInsert.Run(handle, quotedTable, schema, batches, cancellationToken, columns);
                if (own)
                {
                    Transactions.Commit(handle);
                }

                return inserted;
            }
            catch
            {
                if (own)
                {
                    Transactions.TryRollback(handle);
                }

                throw;
            }
        }
        finally
        {
            Exit();
        }
    }

    private const string TransactionIdSql = "SELECT txid_current()";
}
