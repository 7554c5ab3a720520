namespace HighPerf.Data.Arrow;

/// <summary>An array of the null type: <see cref="ArrowArray.Length"/> nulls and no memory at all.</summary>
public sealed class NullArray : ArrowArray
{
    /// <summary>Creates an array of <paramref name="length"/> nulls.</summary>
    /// <param name="length">The number of values, 0 or more.</param>
    public NullArray(int length)
        : base(ArrowType.Null, CheckLength(length), length, [])
    {
    }

    private static int CheckLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length;
    }
}
