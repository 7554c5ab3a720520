using System.Globalization;

namespace HighPerf.Data.Arrow;

/// <summary>Exact conversions between <see cref="decimal"/> and decimal128's unscaled <see cref="Int128"/>.</summary>
internal static class DecimalConversions
{
    private static readonly Int128[] s_powersOfTen = PowersOfTen();

    private static readonly Int128 s_decimalLimit = (Int128)1 << 96;

    public static Int128 PowerOfTen(int exponent) => s_powersOfTen[exponent];

    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        var negative = Int128.IsNegative(unscaled);
        var magnitude = negative ? -unscaled : unscaled;

        // A .NET decimal holds a 96-bit magnitude and a scale up to 28: drop trailing zeros to fit when they allow it.
        while ((magnitude >= s_decimalLimit || scale > 28) && scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        if (magnitude >= s_decimalLimit || scale > 28 || magnitude < 0)
        {
            throw new OverflowException(string.Create(CultureInfo.InvariantCulture, $"The decimal128 value {unscaled} with scale {scale} does not fit a .NET decimal."));
        }

        var bits = (UInt128)magnitude;
        return new decimal((int)(uint)bits, (int)(uint)(bits >> 32), (int)(uint)(bits >> 64), negative, (byte)scale);
    }

    /// <summary>The unscaled value of <paramref name="value"/> at <paramref name="scale"/>; throws when digits would be lost or the precision is exceeded.</summary>
    public static Int128 ToUnscaled(decimal value, int precision, int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var valueScale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var magnitude = (Int128)(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);

        if (valueScale > scale)
        {
            var divisor = s_powersOfTen[valueScale - scale];
            if (magnitude % divisor != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The value has more than {scale} digits after the point.");
            }

            magnitude /= divisor;
        }
        else if (valueScale < scale)
        {
            // Past the precision (or Int128) the scaled value is refused below; compare before multiplying so it cannot wrap.
            var factor = s_powersOfTen[scale - valueScale];
            magnitude = magnitude > s_powersOfTen[precision] / factor ? s_powersOfTen[precision] : magnitude * factor;
        }

        if (magnitude >= s_powersOfTen[precision])
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The value has more than {precision} digits.");
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>The value as Arrow's and PostgreSQL's text form: the unscaled digits with a point before the last <paramref name="scale"/>.</summary>
    public static string Format(Int128 unscaled, int scale)
    {
        var digits = Int128.Abs(unscaled == Int128.MinValue ? unscaled + 1 : unscaled).ToString(CultureInfo.InvariantCulture);
        if (unscaled == Int128.MinValue)
        {
            digits = "170141183460469231731687303715884105728";
        }

        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = string.Concat(digits.AsSpan(0, digits.Length - scale), ".", digits.AsSpan(digits.Length - scale));
        }

        return Int128.IsNegative(unscaled) ? "-" + digits : digits;
    }

    private static Int128[] PowersOfTen()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
