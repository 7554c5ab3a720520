namespace HighPerf.Caching.Generator.Model;

/// <summary>A tag template: literal text and parameter values, concatenated on a miss.</summary>
internal sealed record TagModel(EquatableArray<TagSegment> Segments)
{
    public bool IsConstant
    {
        get
        {
            foreach (var segment in Segments)
            {
                if (segment.Format != TagFormat.Literal)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>How a segment of a tag becomes text.</summary>
internal enum TagFormat
{
    /// <summary>Literal text.</summary>
    Literal,

    /// <summary>A string parameter, as is (null as empty).</summary>
    String,

    /// <summary><c>value.ToString(null, InvariantCulture)</c> on a value type with that method.</summary>
    Formattable,

    /// <summary><c>value?.ToString(null, InvariantCulture)</c>: a reference type or <c>Nullable&lt;T&gt;</c> with that method.</summary>
    NullableFormattable,

    /// <summary><c>((IFormattable)value).ToString(null, InvariantCulture)</c>: the interface is implemented explicitly.</summary>
    CastFormattable,

    /// <summary><c>value.ToString()</c> on a value type that is not formattable (bool, enums).</summary>
    Plain,

    /// <summary><c>value?.ToString()</c>.</summary>
    NullablePlain,
}

/// <summary>Literal text (<see cref="TagFormat.Literal"/>) or a parameter's escaped name.</summary>
internal sealed record TagSegment(string Text, TagFormat Format);
