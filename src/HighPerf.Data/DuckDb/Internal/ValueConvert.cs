using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>DuckDB's storage of dates, times, decimals and UUIDs to and from .NET's types, exactly or not at all.</summary>
internal static class ValueConvert
{
    /// <summary>DateOnly.DayNumber of 1970-01-01, DuckDB's day 0.</summary>
    private const int EpochDayNumber = 719_162;

    private const long TicksPerMicro = TimeSpan.TicksPerMillisecond / 1000;

    private static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;

    internal static int DaysFromDate(DateOnly date) => date.DayNumber - EpochDayNumber;

    internal static DateOnly DateFromDays(int days)
    {
        var dayNumber = (long)days + EpochDayNumber;
        if ((ulong)dayNumber > (ulong)DateOnly.MaxValue.DayNumber)
        {
            ThrowOutOfRange("DATE", days, nameof(DateOnly));
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    /// <summary>Microseconds since the epoch; ticks below a microsecond are dropped (floor).</summary>
    internal static long MicrosFromTicks(long ticks) => Math.DivRem(ticks - s_epochTicks, TicksPerMicro, out var rem) - (rem < 0 ? 1 : 0);

    internal static long MicrosFromDateTime(DateTime value) => MicrosFromTicks(value.Ticks);

    internal static long MicrosFromDateTimeOffset(DateTimeOffset value) => MicrosFromTicks(value.UtcTicks);

    internal static DateTime DateTimeFromMicros(long micros, DateTimeKind kind)
    {
        const long maxMicros = (3_155_378_975_999_999_999 - 621_355_968_000_000_000) / 10;
        const long minMicros = -621_355_968_000_000_000 / 10;
        if (micros is < minMicros or > maxMicros)
        {
            ThrowOutOfRange("TIMESTAMP", micros, nameof(DateTime));
        }

        return new DateTime(s_epochTicks + (micros * TicksPerMicro), kind);
    }

    /// <summary>Scales a TIMESTAMP_S/MS/NS value to microseconds (nanoseconds are floored).</summary>
    internal static long MicrosFromUnit(long value, DuckDbType type)
    {
        switch (type)
        {
            case DuckDbType.TimestampS:
                return checked(value * 1_000_000);
            case DuckDbType.TimestampMs:
                return checked(value * 1_000);
            case DuckDbType.TimestampNs:
                return Math.DivRem(value, 1_000, out var rem) - (rem < 0 ? 1 : 0);
            default:
                return value;
        }
    }

    internal static TimeOnly TimeFromMicros(long micros)
    {
        if ((ulong)micros >= (ulong)(TimeSpan.TicksPerDay / TicksPerMicro))
        {
            // 24:00:00 is a valid DuckDB TIME but not a TimeOnly.
            ThrowOutOfRange("TIME", micros, nameof(TimeOnly));
        }

        return new TimeOnly(micros * TicksPerMicro);
    }

    internal static long MicrosFromTime(TimeOnly time) => time.Ticks / TicksPerMicro;

    internal static TimeSpan TimeSpanFromInterval(in DuckDbInterval interval)
    {
        if (interval.Months != 0)
        {
            throw new InvalidCastException("An INTERVAL with months has no fixed length and cannot be read as a TimeSpan.");
        }

        return checked(TimeSpan.FromDays(interval.Days) + TimeSpan.FromTicks(interval.Micros * TicksPerMicro));
    }

    internal static DuckDbInterval IntervalFromTimeSpan(TimeSpan value)
    {
        // Whole days go to the day field as PostgreSQL and DuckDB write them; the rest in microseconds.
        var days = (int)(value.Ticks / TimeSpan.TicksPerDay);
        var micros = (value.Ticks - (days * TimeSpan.TicksPerDay)) / TicksPerMicro;
        return new DuckDbInterval { Months = 0, Days = days, Micros = micros };
    }

    /// <summary>A decimal's value as an unscaled integer at <paramref name="scale"/>, rounded half away from zero as DuckDB's casts round.</summary>
    internal static Int128 UnscaledFromDecimal(decimal value, byte scale, byte width)
    {
        if (scale > 28)
        {
            return UnscaledFromDecimalSlow(value, scale, width);
        }

        var rounded = decimal.Round(value, scale, MidpointRounding.AwayFromZero);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rounded, bits);
        var mantissa = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var own = (bits[3] >> 16) & 0xFF;
        if (own < scale)
        {
            mantissa *= Pow10(scale - own);
        }

        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        if (width != 0 && Int128.Abs(mantissa) >= Pow10(width))
        {
            ThrowDecimalOverflow(value, width, scale);
        }

        return mantissa;
    }

    internal static decimal DecimalFromUnscaled(Int128 unscaled, byte scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? -(UInt128)unscaled : (UInt128)unscaled;
        while (scale > 28 || magnitude >> 96 != 0)
        {
            if (scale == 0)
            {
                throw new OverflowException($"The DECIMAL value {unscaled} is beyond System.Decimal's 96-bit range.");
            }

            // Beyond decimal's 28 digits: drop the last digit, rounding half away from zero.
            var digit = (int)(magnitude % 10);
            magnitude /= 10;
            if (digit >= 5)
            {
                magnitude++;
            }

            scale--;
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, scale);
    }

    internal static Guid GuidFromUuid(DuckDbHugeInt stored)
    {
        // DuckDB stores a UUID as a HUGEINT with the top bit flipped, so that signed order is byte order.
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)stored.Upper ^ 0x8000_0000_0000_0000);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], stored.Lower);
        return new Guid(bytes, bigEndian: true);
    }

    internal static DuckDbUHugeInt UuidFromGuid(Guid value)
    {
        // duckdb_create_uuid takes the UUID as a plain 128-bit number (the flip happens inside).
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return new DuckDbUHugeInt { Upper = BinaryPrimitives.ReadUInt64BigEndian(bytes), Lower = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]) };
    }

    internal static DuckDbHugeInt StoredUuidFromGuid(Guid value)
    {
        var plain = UuidFromGuid(value);
        return new DuckDbHugeInt { Upper = (long)(plain.Upper ^ 0x8000_0000_0000_0000), Lower = plain.Lower };
    }

    /// <summary>10^<paramref name="exponent"/> for 0..38, DuckDB's widest DECIMAL.</summary>
    internal static Int128 Pow10(int exponent) => s_pow10[exponent];

    private static readonly Int128[] s_pow10 = BuildPowersOfTen();

    private static Int128[] BuildPowersOfTen()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    private static Int128 UnscaledFromDecimalSlow(decimal value, byte scale, byte width)
    {
        // System.Decimal has at most 28 fractional digits, so scaling further is exact multiplication.
        var unscaled = UnscaledFromDecimal(value, 28, 0) * Pow10(scale - 28);
        if (width != 0 && Int128.Abs(unscaled) >= Pow10(width))
        {
            ThrowDecimalOverflow(value, width, scale);
        }

        return unscaled;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDecimalOverflow(decimal value, byte width, byte scale) =>
        throw new OverflowException($"{value} does not fit DECIMAL({width},{scale}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowOutOfRange(string type, long value, string target) =>
        throw new OverflowException($"The {type} value {value} is outside the range of {target} (infinite or beyond year 9999).");
}
