using HighPerf.Data.DuckDb;
using HighPerf.Data.Native;

namespace HighPerf.Data;

/// <summary>
/// One chunk of a result (up to 2,048 rows), read in place: each column is a <see cref="DuckDbVector"/>
/// over DuckDB's own memory. The chunk stays valid until its <see cref="DuckDbResult"/> reads the next
/// one or is disposed.
/// </summary>
public sealed unsafe class DuckDbChunk
{
    private readonly ColumnInfo[] _columns;
    private readonly IntPtr[] _data;
    private readonly IntPtr[] _validity;
    private SafeDataChunkHandle? _handle;

    /// <summary>The most rows a chunk holds (DuckDB's vector size).</summary>
    public const int Capacity = 2048;

    internal DuckDbChunk(ColumnInfo[] columns)
    {
        _columns = columns;
        _data = new IntPtr[columns.Length];
        _validity = new IntPtr[columns.Length];
    }

    /// <summary>The number of rows in this chunk.</summary>
    public int RowCount { get; private set; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    internal SafeDataChunkHandle? Handle => _handle;

    internal ReadOnlySpan<ColumnInfo> Columns => _columns;

    /// <summary>The values of column <paramref name="column"/> (0-based).</summary>
    /// <param name="column">The column's index.</param>
    public DuckDbVector GetColumn(int column)
    {
        ObjectDisposedException.ThrowIf(_handle is null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)_columns.Length, nameof(column));
        return new DuckDbVector(_columns[column], (void*)_data[column], (ulong*)_validity[column], RowCount);
    }

    /// <summary>Row <paramref name="row"/> of this chunk, for typed reads of single values.</summary>
    /// <param name="row">The row's index within the chunk (0-based).</param>
    public DuckDbRow GetRow(int row)
    {
        ObjectDisposedException.ThrowIf(_handle is null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)RowCount, nameof(row));
        return new DuckDbRow(this, row);
    }

    internal void* Data(int column) => (void*)_data[column];

    internal ulong* Validity(int column) => (ulong*)_validity[column];

    /// <summary>Takes ownership of a fetched chunk, releasing the previous one.</summary>
    internal void Attach(SafeDataChunkHandle chunk)
    {
        Release();
        _handle = chunk;
        var raw = chunk.DangerousGetHandle();
        RowCount = checked((int)NativeMethods.DataChunkGetSize(raw));
        for (var i = 0; i < _columns.Length; i++)
        {
            var vector = NativeMethods.DataChunkGetVector(raw, (ulong)i);
            _data[i] = NativeMethods.VectorGetData(vector);
            _validity[i] = NativeMethods.VectorGetValidity(vector);
        }
    }

    internal void Release()
    {
        var handle = _handle;
        _handle = null;
        RowCount = 0;
        handle?.Dispose();
    }
}
