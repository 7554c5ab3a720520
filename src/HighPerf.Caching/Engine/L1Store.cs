using System.Collections.Concurrent;

namespace HighPerf.Caching.Engine;

/// <summary>
/// The in-process level: live instances (a hit costs a dictionary lookup, no deserialization),
/// each charged its serialized size against a byte budget. When the budget is passed, the least
/// recently used entries are evicted until the total is back under nine tenths of it.
/// </summary>
internal sealed class L1Store(long maximumBytes, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, L1Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _compaction = new();
    private long _bytes;

    internal long Bytes => Volatile.Read(ref _bytes);

    internal int Count => _entries.Count;

    internal bool TryGet<T>(string key, out T value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            var now = time.GetTimestamp();
            if (now < entry.ExpiresAt && entry is L1Entry<T> typed)
            {
                entry.LastUsed = now;
                value = typed.Value;
                return true;
            }

            if (now >= entry.ExpiresAt)
            {
                Remove(key, entry);
            }
        }

        value = default!;
        return false;
    }

    internal void Set<T>(string key, T value, long size, TimeSpan lifetime)
    {
        var now = time.GetTimestamp();
        var entry = new L1Entry<T>(value, size, now + (long)(lifetime.TotalSeconds * time.TimestampFrequency)) { LastUsed = now };
        L1Entry? replaced = null;
        _entries.AddOrUpdate(key, entry, (_, old) =>
        {
            replaced = old;
            return entry;
        });

        Interlocked.Add(ref _bytes, size - (replaced?.Size ?? 0));
        if (Volatile.Read(ref _bytes) > maximumBytes)
        {
            Compact();
        }
    }

    internal void Remove(string key)
    {
        if (_entries.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Size);
        }
    }

    internal void Clear()
    {
        foreach (var key in _entries.Keys)
        {
            Remove(key);
        }
    }

    private void Remove(string key, L1Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Size);
        }
    }

    /// <summary>Evicts the least recently used entries down to nine tenths of the budget; one thread at a time, the others carry on.</summary>
    private void Compact()
    {
        if (!_compaction.TryEnter())
        {
            return;
        }

        try
        {
            var snapshot = _entries.ToArray();
            Array.Sort(snapshot, static (a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
            var target = maximumBytes / 10 * 9;
            foreach (var (key, entry) in snapshot)
            {
                if (Volatile.Read(ref _bytes) <= target)
                {
                    break;
                }

                Remove(key, entry);
            }
        }
        finally
        {
            _compaction.Exit();
        }
    }

    private abstract class L1Entry(long size, long expiresAt)
    {
        internal long Size { get; } = size;

        internal long ExpiresAt { get; } = expiresAt;

        internal long LastUsed { get; set; }
    }

    private sealed class L1Entry<T>(T value, long size, long expiresAt) : L1Entry(size, expiresAt)
    {
        internal T Value { get; } = value;
    }
}
