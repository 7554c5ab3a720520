using System.Collections.Concurrent;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>
/// The connections of one database: at most <c>MaxPoolSize</c> out at once (callers past it wait),
/// idle ones reused last-in first-out so the warmest is taken. Thread-safe.
/// </summary>
internal sealed class ConnectionPool
{
    private readonly SafeDatabaseHandle _database;
    private readonly string? _connectionSetup;
    private readonly ConcurrentStack<SafeConnectionHandle> _idle = new();
    private readonly SemaphoreSlim _slots;
    private volatile bool _disposed;

    internal ConnectionPool(SafeDatabaseHandle database, int maxSize, SafeConnectionHandle? first, string? connectionSetup)
    {
        _database = database;
        _connectionSetup = connectionSetup;
        _slots = new SemaphoreSlim(maxSize, maxSize);
        if (first is not null)
        {
            _idle.Push(first);
        }
    }

    internal bool IsDisposed => _disposed;

    /// <summary>Whether connections given back are kept for reuse (tests turn it off to open and close a native connection per lease).</summary>
    internal bool KeepIdle { get; set; } = true;

    /// <summary>The number of idle connections kept open.</summary>
    internal int IdleCount => _idle.Count;

    internal SafeConnectionHandle Rent(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        _slots.Wait(cancellationToken);
        return Take();
    }

    internal async ValueTask<SafeConnectionHandle> RentAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Take();
    }

    /// <summary>Gives a connection back; one left in an unknown state (<paramref name="reusable"/> false) is closed instead.</summary>
    internal void Return(SafeConnectionHandle connection, bool reusable)
    {
        if (reusable && KeepIdle && !_disposed)
        {
            _idle.Push(connection);
            if (_disposed)
            {
                CloseIdle();
            }
        }
        else
        {
            connection.Dispose();
        }

        _slots.Release();
    }

    /// <summary>
    /// Closes the idle connections and lets go of the database; connections still leased close when they
    /// come back, and the native database closes after the last one (each holds a reference on it).
    /// </summary>
    internal void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CloseIdle();
        _database.Dispose();
    }

    /// <summary>Opens a native connection and runs <paramref name="setup"/> (the pool's connection settings) on it.</summary>
    internal static SafeConnectionHandle Connect(SafeDatabaseHandle database, string? setup)
    {
        if (NativeMethods.Connect(database, out var connection) != DuckDbState.Success)
        {
            connection.Dispose();
            throw new DuckDbException(DuckDbErrorKind.Open, "DuckDB could not open a connection to the database.");
        }

        connection.HoldParent(database);
        if (setup is not null)
        {
            try
            {
                DatabaseSetup.Setup(connection, setup);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        return connection;
    }

    private SafeConnectionHandle Take()
    {
        try
        {
            ThrowIfDisposed();
            return _idle.TryPop(out var connection) ? connection : Connect(_database, _connectionSetup);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            Errors.ThrowDisposed(nameof(DuckDbDatabase));
        }
    }
}
