using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// Bulk insert into one table through DuckDB's appender, all or nothing: rows go in inside a
/// transaction that <see cref="Complete"/> commits; disposing without completing (or after an error)
/// discards every row. Values are written straight into DuckDB's data chunks, 2,048 rows at a time.
/// Keeps its connection busy until disposed.
/// </summary>
/// <example>
/// <code>
/// using (var appender = connection.CreateAppender("events"))
/// {
///     appender.Append(1L).Append(42L).Append("click").AppendNull().Append("{}").Append(DateTimeOffset.UtcNow).EndRow();
///     appender.Complete();
/// }
/// </code>
/// </example>
public sealed partial class DuckDbAppender : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly SafeConnectionHandle _connectionHandle;
    private readonly ColumnInfo[] _columns;
    private readonly string _target;
    private SafeAppenderHandle? _appender;
    private ChunkBuilder? _chunk;
    private int _column;
    private long _rows;
    private bool _completed;
    private bool _failed;

    private DuckDbAppender(DuckDbConnection connection, SafeConnectionHandle connectionHandle, SafeAppenderHandle appender, string target, ColumnInfo[] columns, ChunkBuilder chunk)
    {
        _connection = connection;
        _target = target;
        _connectionHandle = connectionHandle;
        _appender = appender;
        _columns = columns;
        _chunk = chunk;
    }

    /// <summary>The number of columns of the table; every row gives a value for each, in table order.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The rows ended so far.</summary>
    public long RowCount => _rows;

    internal ReadOnlySpan<ColumnInfo> Columns => _columns;

    internal static DuckDbAppender Create(DuckDbConnection connection, string table, string? schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        var handle = connection.Enter();
        SafeAppenderHandle? appender = null;
        ChunkBuilder? chunk = null;
        var began = false;
        try
        {
            Transactions.Begin(handle);
            began = true;
            NativeMethods.AppenderCreateExt(handle, null, schema, table, out appender);
            appender.HoldParent(handle);
            var error = NativeMethods.AppenderErrorData(appender);
            Errors.ThrowIfError(error, $"DuckDB could not create an appender for table '{table}'.");
            if (appender.IsInvalid)
            {
                throw new DuckDbException(DuckDbErrorKind.Binding, $"DuckDB could not create an appender for table '{table}'.");
            }

            var count = (int)NativeMethods.AppenderColumnCount(appender);
            var columns = new ColumnInfo[count];
            var types = new SafeLogicalTypeHandle[count];
            try
            {
                for (var i = 0; i < count; i++)
                {
                    types[i] = NativeMethods.AppenderColumnType(appender, (ulong)i);
                    columns[i] = ColumnInfo.From(string.Empty, types[i]);
                }

                chunk = new ChunkBuilder(types);
            }
            finally
            {
                foreach (var type in types)
                {
                    type?.Dispose();
                }
            }

            var target = schema is null ? Sql.Identifier(table) : Sql.Identifier(schema) + "." + Sql.Identifier(table);
            return new DuckDbAppender(connection, handle, appender, target, columns, chunk);
        }
        catch
        {
            chunk?.Dispose();
            if (appender is not null && !appender.IsInvalid)
            {
                NativeMethods.AppenderClear(appender);
            }

            appender?.Dispose();
            if (began)
            {
                Transactions.TryRollback(handle);
            }

            connection.Exit();
            throw;
        }
    }

    /// <summary>Ends the current row; every column must have been given a value.</summary>
    /// <exception cref="InvalidOperationException">The row has fewer values than the table has columns.</exception>
    public void EndRow()
    {
        var chunk = Chunk;
        if (_column != _columns.Length)
        {
            Fail();
            throw new InvalidOperationException($"The row has {_column} values but the table has {_columns.Length} columns.");
        }

        _column = 0;
        _rows++;
        if (++chunk.Count == chunk.Capacity)
        {
            Flush(chunk);
        }
    }

    /// <summary>
    /// Appends every row of a result chunk (e.g. from another query) whose columns match the table's; rows
    /// appended one by one before it keep their order.
    /// </summary>
    /// <param name="chunk">A chunk of a <see cref="DuckDbResult"/>.</param>
    public void Append(DuckDbChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var pending = Chunk;
        var source = chunk.Handle ?? throw new ArgumentException("The chunk holds no rows (its result moved on or was disposed).", nameof(chunk));
        if (_column != 0)
        {
            throw new InvalidOperationException("A row is half written; end it before appending a chunk.");
        }

        if (pending.Count > 0)
        {
            Flush(pending);
        }

        AppendRaw(source.DangerousGetHandle(), chunk.RowCount);
        GC.KeepAlive(source);
        _rows += chunk.RowCount;
    }

    /// <summary>
    /// Writes every buffered row, closes the appender and commits the transaction.
    /// </summary>
    /// <returns>The number of rows appended.</returns>
    /// <exception cref="DuckDbException">A constraint was violated or the commit failed; nothing was inserted.</exception>
    public long Complete()
    {
        var chunk = Chunk;
        if (_column != 0)
        {
            throw new InvalidOperationException("A row is half written; end it before completing.");
        }

        if (chunk.Count > 0)
        {
            Flush(chunk);
        }

        using var activity = DataTelemetry.StartDuckDb("append");
        var appender = _appender!;
        try
        {
            if (NativeMethods.AppenderClose(appender) != DuckDbState.Success)
            {
                Fail();
                Errors.ThrowAppender(appender, "DuckDB could not write the appended rows.");
            }

            Transactions.Commit(_connectionHandle);
        }
        catch (Exception ex)
        {
            DataTelemetry.Fail(activity, ex);
            throw;
        }

        activity?.SetTag("db.response.returned_rows", _rows);
        _completed = true;
        DataTelemetry.RecordAppended(_rows);
        Dispose();
        return _rows;
    }

    /// <summary>Releases the appender; unless <see cref="Complete"/> succeeded, every appended row is discarded.</summary>
    public void Dispose()
    {
        var appender = Interlocked.Exchange(ref _appender, null);
        if (appender is null)
        {
            return;
        }

        _chunk?.Dispose();
        _chunk = null;
        if (!_completed)
        {
            // Destroying flushes what is buffered, so clear it first; the rollback undoes earlier flushes.
            NativeMethods.AppenderClear(appender);
        }

        appender.Dispose();
        if (!_completed)
        {
            Transactions.TryRollback(_connectionHandle);
        }

        _connection.Exit();
    }

    /// <summary>The chunk being filled, or throws when the appender failed or is closed.</summary>
    private ChunkBuilder Chunk
    {
        get
        {
            var chunk = _chunk;
            if (chunk is null)
            {
                Errors.ThrowDisposed(nameof(DuckDbAppender));
            }

            if (_failed)
            {
                throw new InvalidOperationException("An earlier append failed; the appender discards its rows when disposed.");
            }

            return chunk;
        }
    }

    /// <summary>The column the next value goes to, checking that the row has room for it.</summary>
    private int NextColumn(out ChunkBuilder chunk)
    {
        chunk = Chunk;
        var column = _column;
        if (column == _columns.Length)
        {
            Fail();
            throw new InvalidOperationException($"The row already has a value for each of the {_columns.Length} columns; call EndRow().");
        }

        return column;
    }

    private void Flush(ChunkBuilder chunk)
    {
        chunk.Seal();
        AppendRaw(chunk.Raw, chunk.Count);
        chunk.Reset();
    }

    private void AppendRaw(IntPtr rawChunk, int rows)
    {
        if (NativeMethods.AppendDataChunk(_appender!, rawChunk) != DuckDbState.Success)
        {
            Fail();
            Errors.ThrowAppender(_appender!, $"DuckDB refused a chunk of {rows} rows.");
        }
    }

    private void Fail() => _failed = true;
}
