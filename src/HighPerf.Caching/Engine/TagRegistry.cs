using System.Collections.Concurrent;

namespace HighPerf.Caching.Engine;

/// <summary>
/// When each tag was last invalidated (Unix milliseconds; 0 when it is known never to have been),
/// as far as this node knows: from its own calls, the backplane, and tags looked up in L2. An
/// entry created at or before its tag's time is invalid. The wildcard tag <c>*</c> stands for
/// every entry. What is known is trusted for <paramref name="trustMilliseconds"/> (for ever with a
/// backplane, which reports every change; a while without one, then looked up again). Bounded:
/// past its capacity it forgets everything and looks tags up again.
/// </summary>
internal sealed class TagRegistry(int capacity, long trustMilliseconds)
{
    internal const string Everything = "*";

    private readonly ConcurrentDictionary<string, (long InvalidatedAt, long CheckedAt)> _tags = new(StringComparer.Ordinal);

    /// <summary>What is known of <paramref name="tag"/>, unless it is unknown or no longer trusted at <paramref name="now"/> (monotonic ms).</summary>
    internal bool TryGet(string tag, out long invalidatedAtUnix, long now)
    {
        if (_tags.TryGetValue(tag, out var known) && now - known.CheckedAt <= trustMilliseconds)
        {
            invalidatedAtUnix = known.InvalidatedAt;
            return true;
        }

        invalidatedAtUnix = 0;
        return false;
    }

    /// <summary>Records an invalidation or a looked-up time at <paramref name="now"/>; the later invalidation wins.</summary>
    internal void Record(string tag, long invalidatedAtUnix, long now)
    {
        if (_tags.Count >= capacity && !_tags.ContainsKey(tag))
        {
            _tags.Clear();
        }

        (long InvalidatedAt, long CheckedAt) update = (invalidatedAtUnix, now);
        _tags.AddOrUpdate(tag, static (_, update) => update, static (_, old, update) => (Math.Max(old.InvalidatedAt, update.InvalidatedAt), update.CheckedAt), update);
    }

    /// <summary>Whether an entry created at <paramref name="createdAtUnix"/> with <paramref name="tags"/> is invalid by what is known here, trusted or not (unknown tags count as valid).</summary>
    internal bool IsInvalidatedLocally(string[]? tags, long createdAtUnix)
    {
        if (_tags.IsEmpty)
        {
            return false;
        }

        if (_tags.TryGetValue(Everything, out var all) && all.InvalidatedAt >= createdAtUnix)
        {
            return true;
        }

        if (tags is not null)
        {
            foreach (var tag in tags)
            {
                if (_tags.TryGetValue(tag, out var known) && known.InvalidatedAt >= createdAtUnix)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal void Clear() => _tags.Clear();
}
