using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// A prepared statement of a <see cref="DuckDbConnection"/>: parsed and planned once, run many times
/// with typed parameters. Parameters are 1-based (<c>?</c> or <c>$1</c> is 1) or named (<c>$name</c>,
/// see <see cref="IndexOf"/>); bindings stay until rebound or <see cref="ClearBindings"/>. Not thread-safe.
/// </summary>
public sealed partial class DuckDbStatement : IDisposable
{
    private readonly DuckDbConnection _connection;
    private SafePreparedStatementHandle? _handle;

    internal DuckDbStatement(DuckDbConnection connection, SafePreparedStatementHandle handle)
    {
        _connection = connection;
        _handle = handle;
        ParameterCount = (int)NativeMethods.ParameterCount(handle);
    }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    internal SafePreparedStatementHandle Handle
    {
        get
        {
            var handle = _handle;
            ObjectDisposedException.ThrowIf(handle is null, this);
            _ = _connection.Handle;
            return handle;
        }
    }

    /// <summary>The type DuckDB expects for parameter <paramref name="index"/>, or <see cref="DuckDbType.Invalid"/> when any type goes.</summary>
    /// <param name="index">The 1-based parameter index.</param>
    public DuckDbType GetParameterType(int index)
    {
        CheckIndex(index);
        return NativeMethods.ParameterType(Handle, (ulong)index);
    }

    /// <summary>The 1-based index of the parameter written <c>$name</c> in the SQL.</summary>
    /// <param name="name">The name without the <c>$</c>.</param>
    /// <exception cref="ArgumentException">The statement has no such parameter.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NativeMethods.BindParameterIndex(Handle, out var index, name) == DuckDbState.Success
            ? (int)index
            : throw new ArgumentException($"The statement has no parameter ${name}.", nameof(name));
    }

    /// <summary>Removes every binding.</summary>
    public void ClearBindings() => Check(NativeMethods.ClearBindings(Handle), 0);

    /// <summary>Runs the statement with the current bindings.</summary>
    /// <param name="cancellationToken">Interrupts the query.</param>
    /// <returns>The rows an INSERT, UPDATE or DELETE changed; 0 for other statements.</returns>
    /// <exception cref="DuckDbException">DuckDB reported an error (for example a parameter left unbound).</exception>
    public long Execute(CancellationToken cancellationToken = default)
    {
        using var result = Materialize(cancellationToken);
        return result.RowsChanged;
    }

    /// <summary>The first column of the first row, as in <see cref="DuckDbConnection.ExecuteScalar{T}"/>.</summary>
    /// <typeparam name="T">The .NET type to read as.</typeparam>
    /// <param name="cancellationToken">Interrupts the query.</param>
    public T? ExecuteScalar<T>(CancellationToken cancellationToken = default)
    {
        using var result = Materialize(cancellationToken);
        return result.ReadScalar<T>();
    }

    /// <summary>Maps every row of a small result, as in <see cref="DuckDbConnection.QueryRows{T}"/>.</summary>
    /// <typeparam name="T">What a row becomes.</typeparam>
    /// <param name="map">Reads one row; the row is valid only during the call.</param>
    /// <param name="cancellationToken">Interrupts the query.</param>
    public List<T> QueryRows<T>(Func<DuckDbRow, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var result = Materialize(cancellationToken);
        return result.ReadRows(map);
    }

    /// <summary>Runs the statement and streams its result, as in <see cref="DuckDbConnection.Query"/>.</summary>
    /// <param name="cancellationToken">Interrupts the query, also while its chunks are read.</param>
    /// <returns>The result; dispose it before running the statement again.</returns>
    public DuckDbResult Query(CancellationToken cancellationToken = default)
    {
        var statement = Handle;
        var connection = _connection.Enter();
        try
        {
            return _connection.Stream(connection, statement, ownsStatement: false, cancellationToken);
        }
        catch
        {
            _connection.Exit();
            throw;
        }
    }

    /// <summary>Destroys the statement.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _handle, null)?.Dispose();
    }

    private DuckDbResult Materialize(CancellationToken cancellationToken)
    {
        using var activity = DataTelemetry.StartDuckDb("execute");
        var statement = Handle;
        var connection = _connection.Enter();
        SafeResultHandle? result = null;
        try
        {
            result = SafeResultHandle.Allocate();
            using (new InterruptOnCancel(connection, cancellationToken))
            {
                if (NativeMethods.ExecutePrepared(statement, result) != DuckDbState.Success)
                {
                    if (NativeMethods.ResultError(result) == IntPtr.Zero && NativeMethods.PrepareError(statement) != IntPtr.Zero)
                    {
                        Errors.ThrowPrepare(statement);
                    }

                    Errors.ThrowResult(result, cancellationToken);
                }
            }

            result.HoldParent(connection);
            return new DuckDbResult(_connection, result, null, cancellationToken, default);
        }
        catch (Exception ex)
        {
            DataTelemetry.Fail(activity, ex);
            result?.Dispose();
            _connection.Exit();
            throw;
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)(index - 1) >= (uint)ParameterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Parameters are numbered 1 to {ParameterCount}.");
        }
    }

    private void Check(DuckDbState state, int index)
    {
        if (state != DuckDbState.Success)
        {
            throw new DuckDbException(DuckDbErrorKind.Parameter, index == 0
                ? "DuckDB could not clear the statement's bindings."
                : $"DuckDB could not bind parameter {index}: the value does not fit the type it expects ({GetParameterType(index)}).");
        }
    }
}
