namespace HighPerf.Data.Arrow;

/// <summary>A named, typed column of a <see cref="Schema"/>, with key/value metadata.</summary>
public sealed class Field
{
    /// <summary>Creates a field.</summary>
    /// <param name="name">The column name (may be empty, never <see langword="null"/>).</param>
    /// <param name="type">The data type.</param>
    /// <param name="nullable">Whether the column may hold nulls; defaults to <see langword="true"/>, as in Arrow.</param>
    /// <param name="metadata">Key/value metadata, kept in order; <see langword="null"/> for none.</param>
    public Field(string name, ArrowType type, bool nullable = true, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        IsNullable = nullable;
        Metadata = ArrowMetadata.From(metadata);
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The data type.</summary>
    public ArrowType Type { get; }

    /// <summary>Whether the column may hold nulls (a declaration: it says nothing about whether a batch has any).</summary>
    public bool IsNullable { get; }

    /// <summary>The field's key/value metadata in the order it was given or read; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}{(IsNullable ? string.Empty : " not null")}";
}
