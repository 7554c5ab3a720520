using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// A connection taken from a <see cref="DuckDbDatabase"/>'s pool, for one caller at a time; dispose it
/// to give it back. Every query takes a <see cref="CancellationToken"/>: cancelling it interrupts the
/// query in DuckDB (<c>duckdb_interrupt</c>) and the call ends with
/// <see cref="OperationCanceledException"/>; the connection stays usable. DuckDB's errors surface as
/// <see cref="DuckDbException"/>. Queries run on the calling thread (DuckDB adds its worker threads).
/// </summary>
public sealed partial class DuckDbConnection : IDisposable
{
    private readonly DuckDbDatabase _database;
    private SafeConnectionHandle? _handle;
    private int _busy;

    internal DuckDbConnection(DuckDbDatabase database, SafeConnectionHandle handle)
    {
        _database = database;
        _handle = handle;
    }

    /// <summary>The database this connection belongs to.</summary>
    public DuckDbDatabase Database => _database;

    /// <summary>Marks the connection busy for one operation and returns its handle.</summary>
    /// <exception cref="ObjectDisposedException">The connection or its database was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another operation or an open result is using the connection.</exception>
    internal SafeConnectionHandle Enter()
    {
        var handle = _handle;
        if (handle is null)
        {
            Errors.ThrowDisposed(nameof(DuckDbConnection));
        }

        if (_database.Pool.IsDisposed)
        {
            Errors.ThrowDisposed(nameof(DuckDbDatabase));
        }

        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            Errors.ThrowConnectionBusy();
        }

        return handle;
    }

    internal void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>The handle for objects made from this connection (statements, appenders), or throws when disposed.</summary>
    internal SafeConnectionHandle Handle
    {
        get
        {
            var handle = _handle;
            if (handle is null)
            {
                Errors.ThrowDisposed(nameof(DuckDbConnection));
            }

            if (_database.Pool.IsDisposed)
            {
                Errors.ThrowDisposed(nameof(DuckDbDatabase));
            }

            return handle;
        }
    }

    /// <summary>
    /// Gives the connection back to the pool. A connection that still has an open
    /// <see cref="DuckDbResult"/> or running query is closed instead (after that result is disposed).
    /// </summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, null);
        if (handle is not null)
        {
            _database.Pool.Return(handle, reusable: Volatile.Read(ref _busy) == 0);
        }
    }
}
