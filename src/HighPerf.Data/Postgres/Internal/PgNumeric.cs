using System.Buffers.Binary;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Postgres;

/// <summary>
/// PostgreSQL's binary numeric (numeric_send/numeric_recv): int16 ndigits, int16 weight, uint16 sign, int16 dscale,
/// then ndigits base-10000 digits, most significant first; the value is the sum of digit[i] * 10000^(weight - i).
/// </summary>
internal static class PgNumeric
{
    public const ushort Positive = 0x0000;
    public const ushort Negative = 0x4000;
    public const ushort NaN = 0xC000;
    public const ushort PositiveInfinity = 0xD000;
    public const ushort NegativeInfinity = 0xF000;

    /// <summary>The most bytes <see cref="WriteUnscaled"/> writes: the header and 11 digits (38 decimal digits cut in groups of four, plus one for alignment).</summary>
    public const int MaxDecimal128Bytes = 8 + (12 * 2);

    private static readonly int[] s_powers = [1, 10, 100, 1000, 10000];

    /// <summary>The value as the unscaled integer of a decimal128 of <paramref name="scale"/>; false when it is NaN or infinite, does not fit, or has more fraction digits.</summary>
    public static bool TryReadUnscaled(ReadOnlySpan<byte> value, int precision, int scale, out Int128 unscaled, out string? problem)
    {
        unscaled = 0;
        problem = null;
        if (value.Length < 8)
        {
            problem = "is not a binary numeric";
            return false;
        }

        int ndigits = BinaryPrimitives.ReadInt16BigEndian(value);
        int weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        if (sign is not (Positive or Negative))
        {
            problem = sign == NaN ? "is NaN, which a decimal128 cannot hold" : "is infinite, which a decimal128 cannot hold";
            return false;
        }

        if (ndigits < 0 || value.Length != 8 + (ndigits * 2))
        {
            problem = "is not a binary numeric";
            return false;
        }

        var digits = value[8..];

        // Groups after the point that the scale covers; the last one may be covered only in part.
        var fractionGroups = (scale + 3) / 4;
        var lastCut = (fractionGroups * 4) - scale;
        Int128 acc = 0;
        try
        {
            checked
            {
                for (var pos = weight; pos >= -fractionGroups; pos--)
                {
                    var index = weight - pos;
                    int digit = index < ndigits ? BinaryPrimitives.ReadInt16BigEndian(digits[(index * 2)..]) : 0;
                    if (pos == -fractionGroups && lastCut > 0)
                    {
                        var divisor = s_powers[lastCut];
                        if (digit % divisor != 0)
                        {
                            problem = "has more digits after the point than the scale";
                            return false;
                        }

                        acc = (acc * s_powers[4 - lastCut]) + (digit / divisor);
                    }
                    else
                    {
                        acc = (acc * 10000) + digit;
                    }
                }
            }
        }
        catch (OverflowException)
        {
            problem = "has more digits than the precision";
            return false;
        }

        // Digits past the scale must be zero (PostgreSQL strips trailing zero groups, so any digit there is a loss).
        for (var index = Math.Max(0, weight + fractionGroups + 1); index < ndigits; index++)
        {
            if (BinaryPrimitives.ReadInt16BigEndian(digits[(index * 2)..]) != 0)
            {
                problem = "has more digits after the point than the scale";
                return false;
            }
        }

        if (acc >= DecimalConversions.PowerOfTen(precision))
        {
            problem = "has more digits than the precision";
            return false;
        }

        unscaled = sign == Negative ? -acc : acc;
        return true;
    }

    /// <summary>The most bytes the text of a binary numeric takes.</summary>
    public static int MaxTextLength(ReadOnlySpan<byte> value)
    {
        if (value.Length < 8)
        {
            return 0;
        }

        int ndigits = BinaryPrimitives.ReadInt16BigEndian(value);
        int weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        int dscale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        return 16 + (Math.Max(Math.Max(weight, ndigits), 0) * 4) + dscale;
    }

    /// <summary>Writes the value as PostgreSQL's text (numeric_out): digits, a point and dscale digits, NaN or Infinity; returns the bytes written, or -1 when malformed.</summary>
    public static int WriteText(ReadOnlySpan<byte> value, Span<byte> text)
    {
        if (value.Length < 8)
        {
            return -1;
        }

        int ndigits = BinaryPrimitives.ReadInt16BigEndian(value);
        int weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        int dscale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        switch (sign)
        {
            case NaN: return Copy("NaN"u8, text);
            case PositiveInfinity: return Copy("Infinity"u8, text);
            case NegativeInfinity: return Copy("-Infinity"u8, text);
            case Positive or Negative: break;
            default: return -1;
        }

        if (ndigits < 0 || dscale < 0 || value.Length != 8 + (ndigits * 2))
        {
            return -1;
        }

        var digits = value[8..];
        var at = 0;
        if (sign == Negative)
        {
            text[at++] = (byte)'-';
        }

        if (weight < 0)
        {
            text[at++] = (byte)'0';
        }
        else
        {
            for (var pos = weight; pos >= 0; pos--)
            {
                var index = weight - pos;
                int digit = index < ndigits ? BinaryPrimitives.ReadInt16BigEndian(digits[(index * 2)..]) : 0;
                at += WriteGroup(digit, text[at..], suppressLeadingZeros: pos == weight);
            }
        }

        if (dscale > 0)
        {
            text[at++] = (byte)'.';
            var written = 0;
            Span<byte> group = stackalloc byte[4];
            for (var pos = -1; written < dscale; pos--)
            {
                var index = weight - pos;
                int digit = index >= 0 && index < ndigits ? BinaryPrimitives.ReadInt16BigEndian(digits[(index * 2)..]) : 0;
                WriteGroup(digit, group, suppressLeadingZeros: false);
                var take = Math.Min(4, dscale - written);
                group[..take].CopyTo(text[at..]);
                at += take;
                written += take;
            }
        }

        return at;
    }

    /// <summary>Writes an unscaled decimal128 value of <paramref name="scale"/> as a binary numeric; returns the bytes written.</summary>
    public static int WriteUnscaled(Int128 unscaled, int scale, Span<byte> destination)
    {
        var negative = Int128.IsNegative(unscaled);
        var magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;

        // Base-10000 groups from the least significant: first the partial fraction group, so the point falls between groups.
        Span<short> groups = stackalloc short[12];
        var count = 0;
        var fractionGroups = (scale + 3) / 4;
        var partial = scale % 4;
        if (partial != 0)
        {
            var divisor = (uint)s_powers[partial];
            groups[count++] = (short)((uint)(magnitude % divisor) * (uint)s_powers[4 - partial]);
            magnitude /= divisor;
        }

        while (magnitude != 0 || count < fractionGroups)
        {
            groups[count++] = (short)(uint)(magnitude % 10000);
            magnitude /= 10000;
        }

        // groups[count - 1] is the most significant; its position is count - 1 - fractionGroups.
        var weight = count - 1 - fractionGroups;
        var high = count - 1;
        while (high >= 0 && groups[high] == 0)
        {
            high--;
            weight--;
        }

        var low = 0;
        while (low <= high && groups[low] == 0)
        {
            low++;
        }

        var ndigits = high < low ? 0 : high - low + 1;
        if (ndigits == 0)
        {
            weight = 0;
        }

        BinaryPrimitives.WriteInt16BigEndian(destination, (short)ndigits);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], negative && ndigits > 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        for (var i = 0; i < ndigits; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[(8 + (i * 2))..], groups[high - i]);
        }

        return 8 + (ndigits * 2);
    }

    /// <summary>The most bytes <see cref="TryWriteText"/> writes for a text of <paramref name="length"/> bytes.</summary>
    public static int MaxBytesForText(int length) => 8 + ((length / 4) + 3) * 2;

    /// <summary>Parses decimal text (<c>-?digits(.digits)?</c>, NaN, Infinity, -Infinity; exponents refused) into a binary numeric; returns the bytes written, or -1.</summary>
    public static int TryWriteText(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text = text.Trim((byte)' ');
        if (text.SequenceEqual("NaN"u8))
        {
            return Special(NaN, destination);
        }

        if (text.SequenceEqual("Infinity"u8) || text.SequenceEqual("+Infinity"u8))
        {
            return Special(PositiveInfinity, destination);
        }

        if (text.SequenceEqual("-Infinity"u8))
        {
            return Special(NegativeInfinity, destination);
        }

        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == (byte)'-';
            text = text[1..];
        }

        var point = text.IndexOf((byte)'.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? default : text[(point + 1)..];
        if (integer.Length + fraction.Length == 0 || integer.ContainsAnyExceptInRange((byte)'0', (byte)'9') || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return -1;
        }

        integer = integer.TrimStart((byte)'0');
        var dscale = fraction.Length;
        if (dscale > 0x3FFF)
        {
            return -1;
        }

        // Integer groups are aligned on the point: the first may be short.
        var integerGroups = (integer.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        var total = integerGroups + fractionGroups;
        var digits = destination[8..];
        var first = integer.Length - ((integerGroups - 1) * 4);
        var g = 0;
        for (var i = 0; i < integerGroups; i++)
        {
            var start = i == 0 ? 0 : first + ((i - 1) * 4);
            var length = i == 0 ? first : 4;
            BinaryPrimitives.WriteInt16BigEndian(digits[(g++ * 2)..], (short)Digits(integer.Slice(start, length), length));
        }

        for (var i = 0; i < fractionGroups; i++)
        {
            var chunk = fraction.Slice(i * 4, Math.Min(4, fraction.Length - (i * 4)));
            BinaryPrimitives.WriteInt16BigEndian(digits[(g++ * 2)..], (short)Digits(chunk, 4));
        }

        // Strip zero groups at both ends, as numeric_recv's callers expect a normalized value.
        var low = 0;
        while (low < total && BinaryPrimitives.ReadInt16BigEndian(digits[(low * 2)..]) == 0)
        {
            low++;
        }

        var high = total - 1;
        while (high >= low && BinaryPrimitives.ReadInt16BigEndian(digits[(high * 2)..]) == 0)
        {
            high--;
        }

        var ndigits = high < low ? 0 : high - low + 1;
        var weight = ndigits == 0 ? 0 : integerGroups - 1 - low;
        if (low > 0 && ndigits > 0)
        {
            digits.Slice(low * 2, ndigits * 2).CopyTo(digits);
        }

        BinaryPrimitives.WriteInt16BigEndian(destination, (short)ndigits);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], negative && ndigits > 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)dscale);
        return 8 + (ndigits * 2);
    }

    /// <summary>The digits as a number, padded on the right with zeros to <paramref name="width"/> digits.</summary>
    private static int Digits(ReadOnlySpan<byte> chunk, int width)
    {
        var value = 0;
        foreach (var c in chunk)
        {
            value = (value * 10) + (c - '0');
        }

        return value * s_powers[width - chunk.Length];
    }

    private static int Special(ushort sign, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], sign);
        return 8;
    }

    private static int WriteGroup(int digit, Span<byte> text, bool suppressLeadingZeros)
    {
        Span<byte> group = [(byte)('0' + (digit / 1000)), (byte)('0' + (digit / 100 % 10)), (byte)('0' + (digit / 10 % 10)), (byte)('0' + (digit % 10))];
        var skip = 0;
        if (suppressLeadingZeros)
        {
            while (skip < 3 && group[skip] == '0')
            {
                skip++;
            }
        }

        group[skip..].CopyTo(text);
        return 4 - skip;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
