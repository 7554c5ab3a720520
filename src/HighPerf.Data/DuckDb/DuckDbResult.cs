using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// A query's result, read chunk by chunk (each up to 2,048 rows) straight from DuckDB's vectors: no
/// per-value objects. Keeps its connection busy until disposed.
/// </summary>
/// <example>
/// <code>
/// using var result = connection.Query("SELECT id, amount FROM events");
/// while (result.ReadChunk())
/// {
///     ReadOnlySpan&lt;long&gt; ids = result.Chunk.GetColumn(0).GetValues&lt;long&gt;();
/// }
/// </code>
/// </example>
public sealed unsafe partial class DuckDbResult : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly SafePreparedStatementHandle? _ownedStatement;
    private readonly CancellationToken _cancellationToken;
    private readonly ColumnInfo[] _columns;
    private readonly DuckDbChunk _chunk;
    private SafeResultHandle? _result;
    private InterruptOnCancel _interrupt;
    private SafeDataChunkHandle? _pending;
    private bool _done;

    internal DuckDbResult(DuckDbConnection connection, SafeResultHandle result, SafePreparedStatementHandle? ownedStatement, CancellationToken cancellationToken, InterruptOnCancel interrupt)
    {
        _connection = connection;
        _result = result;
        _ownedStatement = ownedStatement;
        _cancellationToken = cancellationToken;
        _interrupt = interrupt;
        _columns = ReadColumns(result);
        _chunk = new DuckDbChunk(_columns);
    }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The chunk <see cref="ReadChunk"/> read last; empty before the first read and after the end.</summary>
    public DuckDbChunk Chunk => _chunk;

    /// <summary>The rows an INSERT, UPDATE or DELETE changed; 0 for other statements.</summary>
    public long RowsChanged => (long)NativeMethods.RowsChanged(Result);

    internal ReadOnlySpan<ColumnInfo> Columns => _columns;

    internal DuckDbConnection Connection => _connection;

    private SafeResultHandle Result
    {
        get
        {
            var result = _result;
            ObjectDisposedException.ThrowIf(result is null, this);
            return result;
        }
    }

    /// <summary>The name of column <paramref name="column"/>.</summary>
    /// <param name="column">The column's index (0-based).</param>
    public string GetName(int column) => _columns[column].Name;

    /// <summary>The DuckDB type of column <paramref name="column"/>.</summary>
    /// <param name="column">The column's index (0-based).</param>
    public DuckDbType GetColumnType(int column) => _columns[column].Type;

    /// <summary>Reads the next chunk into <see cref="Chunk"/>, releasing the previous one.</summary>
    /// <returns><see langword="false"/> at the end of the result.</returns>
    /// <exception cref="DuckDbException">The query failed while producing this chunk.</exception>
    /// <exception cref="OperationCanceledException">The query's token was cancelled.</exception>
    public bool ReadChunk()
    {
        var chunk = FetchNext();
        if (chunk is null)
        {
            return false;
        }

        _chunk.Attach(chunk);
        return true;
    }

    /// <summary>The next non-empty chunk, or null at the end; throws the query's error.</summary>
    internal SafeDataChunkHandle? FetchNext()
    {
        var result = Result;
        _chunk.Release();
        if (_pending is { } pending)
        {
            // A chunk that did not fit the last Arrow batch comes first.
            _pending = null;
            return pending;
        }

        if (_done)
        {
            return null;
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            _done = true;
            _cancellationToken.ThrowIfCancellationRequested();
        }

        while (true)
        {
            var chunk = NativeMethods.FetchChunk(*result.Pointer);
            if (chunk.IsInvalid)
            {
                chunk.Dispose();
                _done = true;
                if (NativeMethods.ResultError(result) != IntPtr.Zero)
                {
                    Errors.ThrowResult(result, _cancellationToken);
                }

                return null;
            }

            if (NativeMethods.DataChunkGetSize(chunk.DangerousGetHandle()) != 0)
            {
                return chunk;
            }

            chunk.Dispose();
        }
    }

    internal T? ReadScalar<T>()
    {
        if (_columns.Length == 0 || !ReadChunk())
        {
            if (default(T) is null)
            {
                return default;
            }

            throw new InvalidCastException($"The query returned no rows, so there is no {typeof(T).Name} to read; read it as {typeof(T).Name}? to get null.");
        }

        return _chunk.GetColumn(0).Get<T>(0);
    }

    internal List<T> ReadRows<T>(Func<DuckDbRow, T> map)
    {
        var rows = new List<T>();
        while (ReadChunk())
        {
            var count = _chunk.RowCount;
            for (var row = 0; row < count; row++)
            {
                rows.Add(map(new DuckDbRow(_chunk, row)));
            }
        }

        return rows;
    }

    /// <summary>Releases the result and frees the connection for its next query.</summary>
    public void Dispose()
    {
        var result = _result;
        if (result is null)
        {
            return;
        }

        _result = null;
        _chunk.Release();
        _pending?.Dispose();
        _pending = null;
        _interrupt.Dispose();
        _arrowOptions?.Dispose();
        _arrowReader?.Dispose();
        result.Dispose();
        _ownedStatement?.Dispose();
        _connection.Exit();
    }

    private static ColumnInfo[] ReadColumns(SafeResultHandle result)
    {
        var count = (int)NativeMethods.ColumnCount(result);
        var columns = new ColumnInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = NativeMethods.ReadString(NativeMethods.ColumnName(result, (ulong)i)) ?? string.Empty;
            using var type = NativeMethods.ColumnLogicalType(result, (ulong)i);
            columns[i] = ColumnInfo.From(name, type);
        }

        return columns;
    }
}
