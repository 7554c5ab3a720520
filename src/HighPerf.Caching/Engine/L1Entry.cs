namespace HighPerf.Caching.Engine;

/// <summary>
/// What L1 keeps of one value, with its times on the monotonic clock: fresh until
/// <see cref="FreshUntil"/>, due for an eager refresh from <see cref="RefreshAt"/> (never later than
/// fresh), and kept as a fail-safe fallback until <see cref="ExpiresAt"/>.
/// </summary>
internal abstract class L1Entry(long size, string[]? tags, long createdAtUnix, long refreshAt, long freshUntil, long expiresAt)
{
    /// <summary>What the value counts against the byte budget: its serialized size.</summary>
    internal long Size { get; } = size;

    /// <summary>The tags it was stored with, for invalidation by tag; <see langword="null"/> for none.</summary>
    internal string[]? Tags { get; } = tags;

    /// <summary>When its computation started (Unix milliseconds), compared with tag invalidation times.</summary>
    internal long CreatedAtUnix { get; } = createdAtUnix;

    internal long RefreshAt { get; } = refreshAt;

    internal long FreshUntil { get; } = freshUntil;

    internal long ExpiresAt { get; } = expiresAt;

    /// <summary>The value as an object, for the untyped fast path; value types are boxed once, here.</summary>
    internal abstract object? BoxedValue { get; }

    /// <summary>The last read, for least-recently-used eviction; written without a lock (a torn order is harmless).</summary>
    internal long LastUsed { get; set; }

    internal bool HasTag(string tag)
    {
        if (Tags is not { } tags)
        {
            return false;
        }

        foreach (var candidate in tags)
        {
            if (string.Equals(candidate, tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <inheritdoc />
internal sealed class L1Entry<T>(T value, long size, string[]? tags, long createdAtUnix, long refreshAt, long freshUntil, long expiresAt)
    : L1Entry(size, tags, createdAtUnix, refreshAt, freshUntil, expiresAt)
{
    private readonly object? _boxed = value;

    internal T Value { get; } = value;

    internal override object? BoxedValue => _boxed;
}
