namespace HighPerf.Data.Arrow;

/// <summary>The columns of a record batch or stream: fields in order, plus key/value metadata.</summary>
public sealed class Schema
{
    private readonly Field[] _fields;

    /// <summary>Creates a schema.</summary>
    /// <param name="fields">The columns, in order.</param>
    /// <param name="metadata">Schema-level key/value metadata, kept in order; <see langword="null"/> for none.</param>
    public Schema(IEnumerable<Field> fields, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var field in _fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
        }

        Metadata = ArrowMetadata.From(metadata);
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>Schema-level key/value metadata, in order; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The index of the first field called <paramref name="name"/> (ordinal comparison), or -1.</summary>
    /// <param name="name">The field name.</param>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    internal ReadOnlySpan<Field> FieldSpan => _fields;

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", (IEnumerable<Field>)_fields);
}
