using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>
/// A decimal128 array: each value is a 128-bit two's complement unscaled integer; the number it stands for
/// is the unscaled value times 10^-<see cref="ArrowType.Scale"/>.
/// </summary>
public sealed class Decimal128Array : PrimitiveArray<Int128>
{
    internal Decimal128Array(ArrowType type, int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(type, length, nullCount, validity, values)
    {
    }

    /// <summary>The value at <paramref name="index"/> as a .NET decimal (unspecified when null).</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    /// <exception cref="OverflowException">The value needs more than the 96 bits or 28 decimal places a .NET decimal has.</exception>
    public decimal GetDecimal(int index) => DecimalConversions.ToDecimal(GetValue(index), Type.Scale);

    /// <summary>The value at <paramref name="index"/> as a .NET decimal, or <see langword="null"/> when it is null.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public decimal? GetNullableDecimal(int index) => IsNull(index) ? null : GetDecimal(index);
}
