namespace HighPerf.Data.Postgres;

/// <summary>PostgreSQL counts dates and timestamps from 2000-01-01; Arrow from 1970-01-01.</summary>
internal static class PgEpoch
{
    /// <summary>Days from 1970-01-01 to 2000-01-01.</summary>
    public const int UnixDays = 10_957;

    /// <summary>Microseconds from 1970-01-01 to 2000-01-01.</summary>
    public const long UnixMicroseconds = 946_684_800_000_000;

    /// <summary>
    /// PostgreSQL's <c>infinity</c> and <c>-infinity</c> are the extreme values of the type; they pass through
    /// unshifted both ways so that they survive a round trip.
    /// </summary>
    public static int DateToArrow(int days) => days is int.MaxValue or int.MinValue ? days : days + UnixDays;

    public static int DateFromArrow(int days) => days is int.MaxValue or int.MinValue ? days : days - UnixDays;

    public static long TimestampToArrow(long micros) => micros is long.MaxValue or long.MinValue ? micros : micros + UnixMicroseconds;

    public static long TimestampFromArrow(long micros) => micros is long.MaxValue or long.MinValue ? micros : micros - UnixMicroseconds;
}
