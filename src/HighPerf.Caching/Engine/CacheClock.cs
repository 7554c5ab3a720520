namespace HighPerf.Caching.Engine;

/// <summary>
/// The store's two clocks: a monotonic one in milliseconds for in-process lifetimes, read on every
/// L1 hit, and the wall clock (Unix milliseconds) for what other nodes compare: creation times
/// and tag invalidations.
/// </summary>
internal sealed class CacheClock(TimeProvider time)
{
    // The system clock is read through Environment.TickCount64 (a coarse monotonic clock, a few
    // nanoseconds a read) instead of Stopwatch: its few milliseconds of resolution are plenty for
    // lifetimes of seconds, and an L1 hit reads it every time.
    private readonly bool _isSystem = ReferenceEquals(time, TimeProvider.System);
    private readonly long _frequency = time.TimestampFrequency;

    internal TimeProvider Time => time;

    /// <summary>Milliseconds of a monotonic clock with an arbitrary origin.</summary>
    internal long NowMilliseconds => _isSystem ? Environment.TickCount64 : (long)((Int128)time.GetTimestamp() * 1000 / _frequency);

    /// <summary>Milliseconds since the Unix epoch, UTC.</summary>
    internal long UnixMilliseconds => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A point <paramref name="span"/> after <paramref name="from"/>, saturating instead of overflowing for very long spans.</summary>
    internal static long After(long from, TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan || span.TotalMilliseconds >= long.MaxValue / 2)
        {
            return long.MaxValue;
        }

        var milliseconds = (long)span.TotalMilliseconds;
        return from > long.MaxValue - milliseconds ? long.MaxValue : from + milliseconds;
    }
}
