namespace HighPerf.Data;

/// <summary>One row of a result, for typed reads of single values (scalar and row helpers).</summary>
public readonly ref struct DuckDbRow
{
    private readonly DuckDbChunk _chunk;
    private readonly int _row;

    internal DuckDbRow(DuckDbChunk chunk, int row)
    {
        _chunk = chunk;
        _row = row;
    }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _chunk.ColumnCount;

    /// <summary>The name of column <paramref name="column"/>.</summary>
    /// <param name="column">The column's index (0-based).</param>
    public string GetName(int column) => _chunk.GetColumn(column).Name;

    /// <summary>Whether column <paramref name="column"/> is NULL in this row.</summary>
    /// <param name="column">The column's index (0-based).</param>
    public bool IsNull(int column) => _chunk.GetColumn(column).IsNull(_row);

    /// <summary>
    /// Column <paramref name="column"/> as <typeparamref name="T"/>. Integers convert to any integer type
    /// that holds the value (else <see cref="OverflowException"/>); numbers to <see cref="double"/>,
    /// <see cref="float"/> and <see cref="decimal"/>; VARCHAR to <see cref="string"/>; BLOB (and VARCHAR) to
    /// <see cref="byte"/>[]; DATE to <see cref="DateOnly"/>; TIMESTAMP (any unit) to <see cref="DateTime"/> of
    /// kind Unspecified and TIMESTAMPTZ to one of kind Utc, either to <see cref="DateTimeOffset"/>; TIME to
    /// <see cref="TimeOnly"/>; INTERVAL without months to <see cref="TimeSpan"/>; UUID to <see cref="Guid"/>.
    /// NULL reads as <see langword="null"/> for reference and nullable types and throws
    /// <see cref="InvalidCastException"/> for other value types.
    /// </summary>
    /// <typeparam name="T">The .NET type to read as.</typeparam>
    /// <param name="column">The column's index (0-based).</param>
    public T Get<T>(int column) => _chunk.GetColumn(column).Get<T>(_row);

    /// <summary>The UTF-8 bytes of a VARCHAR (or a BLOB's bytes) in place; empty for NULL.</summary>
    /// <param name="column">The column's index (0-based).</param>
    public ReadOnlySpan<byte> GetBytes(int column) => _chunk.GetColumn(column).GetBytes(_row);
}
