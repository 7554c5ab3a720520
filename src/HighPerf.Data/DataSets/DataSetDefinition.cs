namespace HighPerf.Data.DataSets;

/// <summary>
/// A named data set: a table with declared columns, an optional primary key and optional unique column sets.
/// </summary>
/// <param name="Name">The data set's name (an identifier, see <see cref="DataSetIdentifiers"/>).</param>
/// <param name="Columns">The columns, in order (1 to 1,000).</param>
/// <param name="PrimaryKey">The primary key's columns, or <see langword="null"/> for none; they are not nullable.</param>
/// <param name="Unique">Sets of columns whose values are unique together, or <see langword="null"/>.</param>
public sealed record DataSetDefinition(
    string Name,
    IReadOnlyList<DataSetColumn> Columns,
    IReadOnlyList<string>? PrimaryKey = null,
    IReadOnlyList<IReadOnlyList<string>>? Unique = null)
{
    /// <summary>The most columns a data set can declare.</summary>
    public const int MaxColumns = 1000;

    /// <summary>The index of the column named <paramref name="name"/>, or -1.</summary>
    /// <param name="name">A column name.</param>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Checks every rule: valid and distinct names, at least one column, keys naming declared columns once each,
    /// primary key columns not nullable and not of type json or float64.
    /// </summary>
    /// <exception cref="DataSetSchemaValidationException">A rule is broken; the message says which.</exception>
    public void Validate()
    {
        if (DataSetIdentifiers.Check(Name) is { } problem)
        {
            throw new DataSetSchemaValidationException($"The data set's name is not valid: {problem}.");
        }

        if (Columns is null || Columns.Count == 0)
        {
            throw new DataSetSchemaValidationException("A data set needs at least one column.");
        }

        if (Columns.Count > MaxColumns)
        {
            throw new DataSetSchemaValidationException($"A data set has at most {MaxColumns} columns.");
        }

        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            if (column is null)
            {
                throw new DataSetSchemaValidationException($"Column {i} is missing.");
            }

            if (DataSetIdentifiers.Check(column.Name) is { } columnProblem)
            {
                throw new DataSetSchemaValidationException($"The name of column {i} is not valid: {columnProblem}.");
            }

            if (IndexOf(column.Name) != i)
            {
                throw new DataSetSchemaValidationException($"The column '{column.Name}' is declared twice.");
            }
        }

        if (PrimaryKey is not null)
        {
            ValidateKey(PrimaryKey, "primary key");
            foreach (var name in PrimaryKey)
            {
                var column = Columns[IndexOf(name)];
                if (column.Nullable)
                {
                    throw new DataSetSchemaValidationException($"The primary key column '{name}' must not be nullable.");
                }

                if (column.Type.Kind is DataSetTypeKind.Json or DataSetTypeKind.Float64)
                {
                    throw new DataSetSchemaValidationException($"The primary key column '{name}' cannot be of type {column.Type}.");
                }
            }
        }

        if (Unique is not null)
        {
            foreach (var set in Unique)
            {
                ValidateKey(set, "unique column set");
                foreach (var name in set)
                {
                    if (Columns[IndexOf(name)].Type.Kind == DataSetTypeKind.Json)
                    {
                        throw new DataSetSchemaValidationException($"The unique column '{name}' cannot be of type json.");
                    }
                }
            }
        }
    }

    /// <summary>The column sets each row must be unique on: the primary key first, then the unique sets.</summary>
    internal List<IReadOnlyList<string>> Keys()
    {
        var keys = new List<IReadOnlyList<string>>();
        if (PrimaryKey is { Count: > 0 })
        {
            keys.Add(PrimaryKey);
        }

        if (Unique is not null)
        {
            keys.AddRange(Unique);
        }

        return keys;
    }

    /// <summary>The single primary key column's index, or -1 when the key is absent or has several columns.</summary>
    internal int SingleKeyColumn => PrimaryKey is { Count: 1 } ? IndexOf(PrimaryKey[0]) : -1;

    private void ValidateKey(IReadOnlyList<string> key, string what)
    {
        if (key is null || key.Count == 0)
        {
            throw new DataSetSchemaValidationException($"A {what} needs at least one column.");
        }

        for (var i = 0; i < key.Count; i++)
        {
            var name = key[i];
            if (!DataSetIdentifiers.IsValid(name) || IndexOf(name) < 0)
            {
                throw new DataSetSchemaValidationException($"The {what} names a column that is not declared: '{DataSetIdentifiers.ForMessage(name)}'.");
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(key[j], name, StringComparison.Ordinal))
                {
                    throw new DataSetSchemaValidationException($"The {what} names '{name}' twice.");
                }
            }
        }
    }
}
