using System.Diagnostics;

namespace HighPerf.Caching.Engine;

/// <summary>
/// The store's two clocks: a monotonic one in milliseconds for in-process lifetimes, read on every
/// L1 hit, and the wall clock (Unix milliseconds) for what other nodes compare: creation times
/// and tag invalidations.
/// </summary>
internal sealed class CacheClock(TimeProvider time)
{
    private readonly bool _isSystem = ReferenceEquals(time, TimeProvider.System);
    private readonly long _frequency = time.TimestampFrequency;

    internal TimeProvider Time => time;

    /// <summary>Milliseconds of a monotonic clock with an arbitrary origin.</summary>
    internal long NowMilliseconds => _isSystem ? Ticker.Milliseconds : (long)((Int128)time.GetTimestamp() * 1000 / _frequency);

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

    /// <summary>
    /// The system clock as a field that a timer moves every millisecond. Reading a clock costs 15 to
    /// 35 ns here (<c>clock_gettime</c> through the vDSO), more than the rest of an L1 hit; reading
    /// this field costs one load. A late timer makes entries live a little longer, never shorter.
    /// </summary>
    private static class Ticker
    {
        private static long s_milliseconds = Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000);

        // Rooted by the static field for the life of the process; one tick a millisecond is a few
        // microseconds of work a second.
        private static readonly Timer s_timer = new(static _ => Tick(), null, 1, 1);

        internal static long Milliseconds
        {
            get
            {
                GC.KeepAlive(s_timer);
                return Volatile.Read(ref s_milliseconds);
            }
        }

        private static void Tick() => Volatile.Write(ref s_milliseconds, Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000));
    }
}
