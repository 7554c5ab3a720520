using HighPerf.Caching.Engine.Envelope;

namespace HighPerf.Caching.Engine;

/// <summary>What one L2 read found: nothing, or a value with its envelope, fresh or not at <paramref name="readAtUnix"/> (when it was read).</summary>
internal readonly struct L2Read<T>(T value, CacheEnvelope envelope, int size, long readAtUnix)
{
    internal bool Found { get; } = true;

    internal T Value { get; } = value;

    internal long CreatedAtUnix => envelope.CreatedAtUnix;

    internal bool IsFresh => Found && readAtUnix < envelope.FreshUntilUnix;

    /// <summary>The value as an L1 entry (fresh for what is left of its life there, never longer than the local expiration).</summary>
    internal L1Entry<T> ToL1Entry(EntrySettings settings, CacheClock clock, long now)
    {
        var remaining = TimeSpan.FromMilliseconds(Math.Max(0, envelope.FreshUntilUnix - clock.UnixMilliseconds));
        return settings.CreateL1Entry(Value, size, envelope.Tags, envelope.CreatedAtUnix, now, remaining < settings.LocalExpiration ? remaining : settings.LocalExpiration);
    }

    /// <summary>A stale value still within its fail-safe life, as a fallback entry; <see langword="null"/> when there is none.</summary>
    internal L1Entry<T>? AsFallback(EntrySettings settings, CacheClock clock)
    {
        if (!Found || settings.FailSafe <= TimeSpan.Zero || clock.UnixMilliseconds >= envelope.FreshUntilUnix + (long)settings.FailSafe.TotalMilliseconds)
        {
            return null;
        }

        var now = clock.NowMilliseconds;
        var expiresAt = CacheClock.After(now, TimeSpan.FromMilliseconds(envelope.FreshUntilUnix + (long)settings.FailSafe.TotalMilliseconds - clock.UnixMilliseconds));
        return new L1Entry<T>(Value, size, envelope.Tags, envelope.CreatedAtUnix, now, now, expiresAt);
    }
}
