using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>A date32 array: days since 1970-01-01.</summary>
public sealed class Date32Array : PrimitiveArray<int>
{
    internal static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    internal Date32Array(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Date32, length, nullCount, validity, values)
    {
    }

    /// <summary>The value at <paramref name="index"/> as a date (unspecified when null).</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public DateOnly GetDate(int index) => DateOnly.FromDayNumber(EpochDayNumber + GetValue(index));
}

/// <summary>A timestamp array: signed 64-bit counts of <see cref="ArrowType.TimeUnit"/> since the Unix epoch.</summary>
public sealed class TimestampArray : PrimitiveArray<long>
{
    internal TimestampArray(ArrowType type, int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(type, length, nullCount, validity, values)
    {
    }

    /// <summary>
    /// The value at <paramref name="index"/> as an instant with offset zero, truncated to .NET's 100 ns ticks
    /// for nanosecond timestamps (unspecified when null).
    /// </summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public DateTimeOffset GetDateTimeOffset(int index) => TimestampUnits.ToDateTimeOffset(GetValue(index), Type.TimeUnit);
}

/// <summary>Conversions between timestamp values in each unit and <see cref="DateTimeOffset"/>.</summary>
internal static class TimestampUnits
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static DateTimeOffset ToDateTimeOffset(long value, ArrowTimeUnit unit)
    {
        var ticks = unit switch
        {
            ArrowTimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
            ArrowTimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
            ArrowTimeUnit.Microsecond => checked(value * TimeSpan.TicksPerMicrosecond),
            _ => value / 100,
        };
        return new DateTimeOffset(checked(UnixEpochTicks + ticks), TimeSpan.Zero);
    }

    public static long FromDateTimeOffset(DateTimeOffset value, ArrowTimeUnit unit)
    {
        var ticks = value.UtcTicks - UnixEpochTicks;
        return unit switch
        {
            ArrowTimeUnit.Second => FloorDiv(ticks, TimeSpan.TicksPerSecond),
            ArrowTimeUnit.Millisecond => FloorDiv(ticks, TimeSpan.TicksPerMillisecond),
            ArrowTimeUnit.Microsecond => FloorDiv(ticks, TimeSpan.TicksPerMicrosecond),
            _ => checked(ticks * 100),
        };
    }

    private static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
