using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Builds <see cref="BooleanArray"/>s.</summary>
public sealed class BooleanArrayBuilder : ArrowArrayBuilder
{
    private BitmapBuilder _values;

    /// <summary>Creates a builder.</summary>
    public BooleanArrayBuilder()
        : base(ArrowType.Boolean)
    {
    }

    /// <summary>Appends a value.</summary>
    /// <param name="value">The value.</param>
    public void Append(bool value)
    {
        _values.Append(value);
        AppendValid();
    }

    /// <summary>Appends a value, or a null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The value or <see langword="null"/>.</param>
    public void Append(bool? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends non-null values.</summary>
    /// <param name="values">The values.</param>
    public void AppendRange(ReadOnlySpan<bool> values)
    {
        foreach (var value in values)
        {
            _values.Append(value);
        }

        AppendValidRange(values.Length);
    }

    /// <inheritdoc/>
    public override void AppendNull()
    {
        _values.Append(false);
        AppendNullSlot();
    }

    /// <summary>Hands the values over as an array, without copying, and starts a new one.</summary>
    public BooleanArray Build()
    {
        var validity = TakeValidity(out var length, out var nullCount);
        return new BooleanArray(length, nullCount, validity, _values.Build());
    }

    /// <inheritdoc/>
    public override ArrowArray BuildArray() => Build();

    private protected override void ResetValues() => _values.Clear();

    private protected override void DisposeValues() => _values.Dispose();
}
