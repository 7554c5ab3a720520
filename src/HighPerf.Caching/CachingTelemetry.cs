using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HighPerf.Caching;

/// <summary>
/// The names the two-level cache reports under: <c>AddMeter(CachingTelemetry.MeterName)</c> and
/// <c>AddSource(CachingTelemetry.ActivitySourceName)</c>. Hit and miss counters carry the tag
/// <c>level</c> = <c>l1</c> or <c>l2</c>; a miss on both levels is one span named
/// <see cref="MissActivityName"/>.
/// </summary>
public static class CachingTelemetry
{
    /// <summary>The meter's and the activity source's name: <c>HighPerf.Caching</c>.</summary>
    public const string MeterName = "HighPerf.Caching";

    /// <summary>The activity source's name.</summary>
    public const string ActivitySourceName = "HighPerf.Caching";

    /// <summary>The span around the work of one miss: L2, then the factory.</summary>
    public const string MissActivityName = "cache.miss";

    /// <summary>Counter of hits, tagged by level.</summary>
    public const string Hits = "highperf.cache.hits";

    /// <summary>Counter of misses, tagged by level.</summary>
    public const string Misses = "highperf.cache.misses";

    /// <summary>Counter of factory runs.</summary>
    public const string FactoryCalls = "highperf.cache.factory.calls";

    /// <summary>Counter of stale values served because the factory or L2 failed or was too slow.</summary>
    public const string FailSafeActivations = "highperf.cache.failsafe.activations";

    /// <summary>Counter of bytes written to L2 (after compression).</summary>
    public const string BytesWritten = "highperf.cache.l2.bytes_written";

    /// <summary>Counter of bytes read from L2 (as stored).</summary>
    public const string BytesRead = "highperf.cache.l2.bytes_read";

    /// <summary>Histogram of the time one miss took, in milliseconds, L2 and factory included.</summary>
    public const string MissDuration = "highperf.cache.miss.duration";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_hits = s_meter.CreateCounter<long>(Hits, "{hit}", "Cache hits");
    private static readonly Counter<long> s_misses = s_meter.CreateCounter<long>(Misses, "{miss}", "Cache misses");
    private static readonly Counter<long> s_factoryCalls = s_meter.CreateCounter<long>(FactoryCalls, "{call}", "Factory runs");
    private static readonly Counter<long> s_failSafe = s_meter.CreateCounter<long>(FailSafeActivations, "{activation}", "Stale values served by fail-safe");
    private static readonly Counter<long> s_written = s_meter.CreateCounter<long>(BytesWritten, "By", "Bytes written to the distributed level");
    private static readonly Counter<long> s_read = s_meter.CreateCounter<long>(BytesRead, "By", "Bytes read from the distributed level");
    private static readonly Histogram<double> s_missDuration = s_meter.CreateHistogram<double>(MissDuration, "ms", "Time of one miss");
    private static readonly KeyValuePair<string, object?> s_l1 = new("level", "l1");
    private static readonly KeyValuePair<string, object?> s_l2 = new("level", "l2");

    // Enabled is false until a listener subscribes: the hot path pays one field read.
    internal static void Hit(bool l2)
    {
        if (s_hits.Enabled)
        {
            s_hits.Add(1, l2 ? s_l2 : s_l1);
        }
    }

    internal static void Miss(bool l2)
    {
        if (s_misses.Enabled)
        {
            s_misses.Add(1, l2 ? s_l2 : s_l1);
        }
    }

    internal static void FactoryCall()
    {
        if (s_factoryCalls.Enabled)
        {
            s_factoryCalls.Add(1);
        }
    }

    internal static void FailSafe()
    {
        if (s_failSafe.Enabled)
        {
            s_failSafe.Add(1);
        }
    }

    internal static void Written(long bytes)
    {
        if (s_written.Enabled)
        {
            s_written.Add(bytes);
        }
    }

    internal static void Read(long bytes)
    {
        if (s_read.Enabled)
        {
            s_read.Add(bytes);
        }
    }

    /// <summary>Whether a listener records miss durations; when none does, a miss reads no clock for it.</summary>
    internal static bool MissDurationEnabled => s_missDuration.Enabled;

    internal static void MissTook(TimeSpan elapsed)
    {
        if (s_missDuration.Enabled)
        {
            s_missDuration.Record(elapsed.TotalMilliseconds);
        }
    }
}
