using System.Text;
using HighPerf.Data.DuckDb;

namespace HighPerf.Data;

/// <summary>
/// One column of a <see cref="DuckDbChunk"/>, over DuckDB's memory (no copy): fixed-width values as a
/// span, strings and blobs row by row, and the validity bitmap. Valid while its chunk is.
/// </summary>
public readonly unsafe ref struct DuckDbVector
{
    private readonly ColumnInfo _column;
    private readonly void* _data;
    private readonly ulong* _validity;

    internal DuckDbVector(in ColumnInfo column, void* data, ulong* validity, int length)
    {
        _column = column;
        _data = data;
        _validity = validity;
        Length = length;
    }

    /// <summary>The number of values (the chunk's row count).</summary>
    public int Length { get; }

    /// <summary>The column's DuckDB type.</summary>
    public DuckDbType Type => _column.Type;

    /// <summary>The column's name.</summary>
    public string Name => _column.Name;

    /// <summary>For a DECIMAL column, its scale (digits after the point); 0 otherwise.</summary>
    public int DecimalScale => _column.DecimalScale;

    /// <summary>
    /// The validity bitmap: bit <c>i % 64</c> of word <c>i / 64</c> is 1 when row <c>i</c> is not NULL.
    /// Empty when no row is NULL.
    /// </summary>
    public ReadOnlySpan<ulong> Validity => _validity == null ? default : new ReadOnlySpan<ulong>(_validity, (Length + 63) >> 6);

    /// <summary>
    /// The values of a fixed-width column as stored: <typeparamref name="T"/> must have the storage's size
    /// (e.g. <see cref="long"/> for BIGINT, TIMESTAMP and TIMESTAMPTZ in microseconds, <see cref="int"/> for
    /// DATE in days, the unscaled integer for DECIMAL, <see cref="byte"/> for BOOLEAN). A NULL row holds an
    /// undefined value; check <see cref="IsNull"/> or <see cref="Validity"/>.
    /// </summary>
    /// <typeparam name="T">An unmanaged type of the storage's size.</typeparam>
    /// <exception cref="InvalidCastException">The column is not fixed-width or <typeparamref name="T"/> has another size.</exception>
    public ReadOnlySpan<T> GetValues<T>()
        where T : unmanaged
    {
        var size = _column.ValueSize;
        if (size == 0 || size != sizeof(T))
        {
            ValueReader.ThrowCast(_column, $"a span of {typeof(T).Name}");
        }

        return new ReadOnlySpan<T>(_data, Length);
    }

    /// <summary>Whether row <paramref name="row"/> is NULL.</summary>
    /// <param name="row">The row within the chunk.</param>
    public bool IsNull(int row)
    {
        CheckRow(row);
        return !ValueReader.IsValid(_validity, row);
    }

    /// <summary>The UTF-8 bytes of a VARCHAR (or the bytes of a BLOB) at <paramref name="row"/>, in place; empty for NULL.</summary>
    /// <param name="row">The row within the chunk.</param>
    public ReadOnlySpan<byte> GetBytes(int row)
    {
        CheckRow(row);
        return ValueReader.IsValid(_validity, row) ? ValueReader.Bytes(_column, _data, row) : default;
    }

    /// <summary>The text at <paramref name="row"/> as a new string, or <see langword="null"/> for NULL.</summary>
    /// <param name="row">The row within the chunk.</param>
    public string? GetString(int row)
    {
        CheckRow(row);
        return ValueReader.IsValid(_validity, row) ? Encoding.UTF8.GetString(ValueReader.Text(_column, _data, row)) : null;
    }

    /// <summary>The value at <paramref name="row"/> converted to <typeparamref name="T"/> (see <see cref="DuckDbRow.Get{T}"/>).</summary>
    /// <typeparam name="T">The .NET type to read as.</typeparam>
    /// <param name="row">The row within the chunk.</param>
    public T Get<T>(int row)
    {
        CheckRow(row);
        return ValueReader.Read<T>(_column, _data, _validity, row);
    }

    private void CheckRow(int row) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Length, nameof(row));
}
