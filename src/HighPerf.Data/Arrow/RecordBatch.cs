namespace HighPerf.Data.Arrow;

/// <summary>
/// Equal-length columns described by a <see cref="Schema"/>. The batch owns its columns: disposing it
/// disposes every column.
/// </summary>
public sealed class RecordBatch : IDisposable
{
    private readonly ArrowArray[] _columns;

    /// <summary>Creates a batch that takes ownership of <paramref name="columns"/>.</summary>
    /// <param name="schema">One field per column; each column's type must equal its field's.</param>
    /// <param name="columns">The columns, in schema order, each of <paramref name="length"/> values.</param>
    /// <param name="length">The number of rows.</param>
    /// <exception cref="ArgumentException">The columns do not match the schema or the length.</exception>
    public RecordBatch(Schema schema, IReadOnlyList<ArrowArray> columns, int length)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (columns.Count != schema.Fields.Count)
        {
            throw new ArgumentException($"The schema has {schema.Fields.Count} fields but {columns.Count} columns were given.", nameof(columns));
        }

        _columns = new ArrowArray[columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = columns[i] ?? throw new ArgumentException($"Column {i} is null.", nameof(columns));
            var field = schema.Fields[i];
            if (!column.Type.Equals(field.Type))
            {
                throw new ArgumentException($"Column {i} ('{field.Name}') is {column.Type} but its field says {field.Type}.", nameof(columns));
            }

            if (column.Length != length)
            {
                throw new ArgumentException($"Column {i} ('{field.Name}') has {column.Length} values but the batch has {length} rows.", nameof(columns));
            }

            _columns[i] = column;
        }

        Schema = schema;
        Length = length;
    }

    /// <summary>The columns' names, types and metadata.</summary>
    public Schema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<ArrowArray> Columns => _columns;

    /// <summary>Column <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <see cref="ColumnCount"/> - 1.</param>
    public ArrowArray Column(int index) => _columns[index];

    /// <summary>Column <paramref name="index"/> as its array class, e.g. <c>batch.Column&lt;Int64Array&gt;(0)</c>.</summary>
    /// <typeparam name="TArray">The array class of the column's type.</typeparam>
    /// <param name="index">From 0 to <see cref="ColumnCount"/> - 1.</param>
    /// <exception cref="InvalidCastException">The column is of another type.</exception>
    public TArray Column<TArray>(int index)
        where TArray : ArrowArray => (TArray)_columns[index];

    /// <summary>The first column called <paramref name="name"/> (ordinal comparison).</summary>
    /// <param name="name">The field name.</param>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public ArrowArray Column(string name)
    {
        var index = Schema.IndexOf(name);
        return index < 0 ? throw new KeyNotFoundException($"The batch has no column '{name}'.") : _columns[index];
    }

    internal ReadOnlySpan<ArrowArray> ColumnSpan => _columns;

    /// <summary>Disposes every column.</summary>
    public void Dispose()
    {
        foreach (var column in _columns)
        {
            column.Dispose();
        }
    }
}
