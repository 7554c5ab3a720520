using System.Diagnostics;

namespace HighPerf.Caching.Engine;

/// <summary>One miss's telemetry, from the L1 miss to its outcome: the <see cref="CachingTelemetry.MissActivityName"/> span and, when a listener records it, the duration.</summary>
internal readonly struct MissSpan
{
    private readonly long _started;

    private MissSpan(long started, Activity? activity)
    {
        _started = started;
        Activity = activity;
    }

    internal Activity? Activity { get; }

    internal static MissSpan Start() => new(
        CachingTelemetry.MissDurationEnabled ? Stopwatch.GetTimestamp() : 0,
        CachingTelemetry.Source.StartActivity(CachingTelemetry.MissActivityName, ActivityKind.Internal));

    internal void Fail(Exception exception) => Activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);

    internal void End()
    {
        Activity?.Dispose();
        if (_started != 0)
        {
            CachingTelemetry.MissTook(Stopwatch.GetElapsedTime(_started));
        }
    }
}
