namespace HighPerf.Data.Arrow;

/// <summary>Builds <see cref="NullArray"/>s (which need no memory).</summary>
public sealed class NullArrayBuilder : ArrowArrayBuilder
{
    /// <summary>Creates a builder.</summary>
    public NullArrayBuilder()
        : base(ArrowType.Null)
    {
    }

    /// <inheritdoc/>
    public override void AppendNull() => CountNullWithoutBitmap();

    /// <summary>Hands the count over as an array and starts a new one.</summary>
    public NullArray Build()
    {
        TakeValidity(out var length, out _);
        return new NullArray(length);
    }

    /// <inheritdoc/>
    public override ArrowArray BuildArray() => Build();

    private protected override void ResetValues()
    {
    }

    private protected override void DisposeValues()
    {
    }
}
