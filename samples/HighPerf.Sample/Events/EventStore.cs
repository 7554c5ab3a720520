using HighPerf.Data;

namespace HighPerf.Sample.Events;

/// <summary>
/// The user events on embedded DuckDB. Writes go through one writer at a time (<see cref="EnterWriterAsync"/>),
/// which hands out the ids: increasing, never reused, and the same whether rows came one by one, in bulk
/// or from the seeder. Reads run on pooled connections beside it.
/// </summary>
internal sealed class EventStore(DuckDbDatabase database) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private long _lastId = -1;

    internal DuckDbDatabase Database => database;

    /// <summary>Creates the table when it is missing and learns the last id handed out.</summary>
    internal void EnsureCreated()
    {
        if (Volatile.Read(ref _lastId) >= 0)
        {
            return;
        }

        using var connection = database.OpenConnection();
        connection.Execute(EventSchema.Create);
        Volatile.Write(ref _lastId, connection.ExecuteScalar<long>("SELECT coalesce(max(id), 0) FROM events"));
    }

    /// <summary>The number of events stored.</summary>
    internal long Count(CancellationToken cancellationToken) =>
        database.ExecuteScalar<long>("SELECT count(*) FROM events", cancellationToken);

    /// <summary>Waits for the single writer's turn; dispose the lease to pass it on.</summary>
    internal async ValueTask<Writer> EnterWriterAsync(CancellationToken cancellationToken)
    {
        EnsureCreated();
        await _writer.WaitAsync(cancellationToken);
        return new Writer(this);
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>The writer's turn: the next ids, and committing how many were used.</summary>
    internal readonly struct Writer(EventStore store) : IDisposable
    {
        /// <summary>The id the next stored event gets.</summary>
        internal long NextId => store._lastId + 1;

        /// <summary>Records that ids up to <paramref name="lastId"/> are now stored (after a commit).</summary>
        internal void Committed(long lastId) => store._lastId = lastId;

        /// <summary>Restarts ids after the table was emptied.</summary>
        internal void Reset() => store._lastId = 0;

        public void Dispose() => store._writer.Release();
    }
}
