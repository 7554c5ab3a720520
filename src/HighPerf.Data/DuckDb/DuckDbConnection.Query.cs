using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

public sealed partial class DuckDbConnection
{
    /// <summary>Runs SQL: one statement or several separated by semicolons (DDL scripts, inserts, updates).</summary>
    /// <param name="sql">The SQL.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    /// <returns>The rows the last statement inserted, updated or deleted (0 for other statements).</returns>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var handle = Enter();
        try
        {
            using var result = RunQuery(handle, sql, cancellationToken);
            return (long)NativeMethods.RowsChanged(result);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// The first column of the first row of a query, read as <typeparamref name="T"/> (conversions as in
    /// <see cref="DuckDbRow.Get{T}"/>). No row, like NULL, gives <see langword="null"/> for reference and
    /// nullable types (<c>long?</c>); for other value types it throws <see cref="InvalidCastException"/>.
    /// </summary>
    /// <typeparam name="T">The .NET type to read as.</typeparam>
    /// <param name="sql">A single statement.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    public T? ExecuteScalar<T>(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var result = Materialize(sql, cancellationToken);
        return result.ReadScalar<T>();
    }

    /// <summary>Maps every row of a small result to a <typeparamref name="T"/> (the whole result is materialized first).</summary>
    /// <typeparam name="T">What a row becomes.</typeparam>
    /// <param name="sql">A single statement.</param>
    /// <param name="map">Reads one row; the row is valid only during the call.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    public List<T> QueryRows<T>(string sql, Func<DuckDbRow, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(map);
        using var result = Materialize(sql, cancellationToken);
        return result.ReadRows(map);
    }

    /// <summary>
    /// Runs a query and streams its result chunk by chunk (DuckDB keeps computing while the caller reads).
    /// The connection is busy until the result is disposed.
    /// </summary>
    /// <param name="sql">A single statement.</param>
    /// <param name="cancellationToken">Interrupts the query, also while its chunks are read.</param>
    /// <returns>The result; dispose it.</returns>
    /// <exception cref="DuckDbException">DuckDB reported an error.</exception>
    public DuckDbResult Query(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var handle = Enter();
        SafePreparedStatementHandle? statement = null;
        try
        {
            statement = PrepareHandle(handle, sql);
            return Stream(handle, statement, ownsStatement: true, cancellationToken);
        }
        catch
        {
            statement?.Dispose();
            Exit();
            throw;
        }
    }

    /// <summary>Prepares a statement with parameters (<c>?</c>, <c>$1</c> or <c>$name</c>) to bind and run, possibly many times.</summary>
    /// <param name="sql">A single statement.</param>
    /// <returns>The statement; dispose it.</returns>
    /// <exception cref="DuckDbException">The SQL does not parse or bind.</exception>
    public DuckDbStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var handle = Enter();
        try
        {
            return new DuckDbStatement(this, PrepareHandle(handle, sql));
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Runs SQL to a materialized result that keeps the connection busy until disposed.</summary>
    private DuckDbResult Materialize(string sql, CancellationToken cancellationToken)
    {
        var handle = Enter();
        try
        {
            return new DuckDbResult(this, RunQuery(handle, sql, cancellationToken), null, cancellationToken, default);
        }
        catch
        {
            Exit();
            throw;
        }
    }

    internal static SafePreparedStatementHandle PrepareHandle(SafeConnectionHandle connection, string sql)
    {
        var state = NativeMethods.Prepare(connection, sql, out var statement);
        statement.HoldParent(connection);
        if (state != DuckDbState.Success)
        {
            try
            {
                Errors.ThrowPrepare(statement);
            }
            finally
            {
                statement.Dispose();
            }
        }

        return statement;
    }

    /// <summary>Runs SQL to a materialized result (on error the result is destroyed and an exception thrown).</summary>
    internal static SafeResultHandle RunQuery(SafeConnectionHandle connection, string sql, CancellationToken cancellationToken)
    {
        using var activity = DataTelemetry.StartDuckDb("execute");
        var result = SafeResultHandle.Allocate();
        try
        {
            using var interrupt = new InterruptOnCancel(connection, cancellationToken);
            if (NativeMethods.Query(connection, sql, result) != DuckDbState.Success)
            {
                Errors.ThrowResult(result, cancellationToken);
            }

            result.HoldParent(connection);
            return result;
        }
        catch (Exception ex)
        {
            DataTelemetry.Fail(activity, ex);
            result.Dispose();
            throw;
        }
    }

    /// <summary>Starts a streaming result; the connection must be entered and stays so until the result is disposed.</summary>
    internal DuckDbResult Stream(SafeConnectionHandle connection, SafePreparedStatementHandle statement, bool ownsStatement, CancellationToken cancellationToken)
    {
        using var activity = DataTelemetry.StartDuckDb("query");
        var interrupt = new InterruptOnCancel(connection, cancellationToken);
        SafeResultHandle? result = null;
        try
        {
            var state = NativeMethods.PendingPreparedStreaming(statement, out var pending);
            using (pending)
            {
                if (state != DuckDbState.Success)
                {
                    Errors.ThrowPending(pending, cancellationToken);
                }

                result = SafeResultHandle.Allocate();
                if (NativeMethods.ExecutePending(pending, result) != DuckDbState.Success)
                {
                    Errors.ThrowResult(result, cancellationToken);
                }
            }

            result.HoldParent(connection);
            return new DuckDbResult(this, result, ownsStatement ? statement : null, cancellationToken, interrupt);
        }
        catch (Exception ex)
        {
            DataTelemetry.Fail(activity, ex);
            result?.Dispose();
            interrupt.Dispose();
            throw;
        }
    }
}
