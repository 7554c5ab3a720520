using System.Collections.Concurrent;

namespace HighPerf.Caching.Engine;

/// <summary>
/// The in-process level, keyed by the keys' 128-bit hashes: live instances (a hit costs a
/// dictionary lookup, no deserialization), each charged its serialized size against a byte budget.
/// When the budget is passed, the least recently used entries are evicted until the total is back
/// under nine tenths of it.
/// </summary>
internal sealed class L1Store(long maximumBytes)
{
    // Recency is the millisecond of the last use, shifted to leave room for an insertion sequence:
    // entries inserted in the same millisecond keep their order, and a hit ranks above them.
    private const int SequenceBits = 12;
    private const long HitSequence = (1L << SequenceBits) - 1;

    // Eviction of a large level: entries sampled to find the recency threshold, the extra share taken
    // below it so one pass reaches the target, and the passes allowed before an exact sort.
    private const int SampleSize = 1024;
    private const double ThresholdMargin = 0.02;
    private const int MaximumSampledPasses = 3;

    private readonly ConcurrentDictionary<UInt128, L1Entry> _entries = new();
    private readonly Lock _compaction = new();
    private long _bytes;
    private long _insertions;

    internal long Bytes => Volatile.Read(ref _bytes);

    internal int Count => _entries.Count;

    /// <summary>The untyped hot path: the value, boxed once when stored, when it is fresh and not due for an eager refresh.</summary>
    internal bool TryGetFresh(UInt128 key, long now, out object? value)
    {
        if (_entries.TryGetValue(key, out var entry) && now < entry.RefreshAt)
        {
            entry.LastUsed = (now << SequenceBits) | HitSequence;
            value = entry.BoxedValue;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The hot path: the value when it is fresh and not due for an eager refresh.</summary>
    internal bool TryGetFresh<T>(UInt128 key, long now, out T value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry is L1Entry<T> typed && now < entry.RefreshAt)
        {
            entry.LastUsed = (now << SequenceBits) | HitSequence;
            value = typed.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The entry while it is kept at all (fresh, due for refresh, or stale within fail-safe); expired ones are dropped.</summary>
    internal L1Entry<T>? GetEntry<T>(UInt128 key, long now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (now >= entry.ExpiresAt)
        {
            Remove(key, entry);
            return null;
        }

        entry.LastUsed = (now << SequenceBits) | HitSequence;
        return entry as L1Entry<T>;
    }

    internal void Set(UInt128 key, L1Entry entry, long now)
    {
        entry.LastUsed = (now << SequenceBits) | (Interlocked.Increment(ref _insertions) % HitSequence);
        L1Entry? replaced = null;
        _entries.AddOrUpdate(key, entry, (_, old) =>
        {
            replaced = old;
            return entry;
        });

        Interlocked.Add(ref _bytes, entry.Size - (replaced?.Size ?? 0));
        if (Volatile.Read(ref _bytes) > maximumBytes)
        {
            Compact();
        }
    }

    internal void Remove(UInt128 key)
    {
        if (_entries.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Size);
        }
    }

    /// <summary>Drops every entry carrying <paramref name="tag"/>: a scan, paid by the rare invalidation instead of by every hit.</summary>
    internal int RemoveTagged(string tag)
    {
        var removed = 0;
        foreach (var (key, entry) in _entries)
        {
            if (entry.HasTag(tag) && Remove(key, entry))
            {
                removed++;
            }
        }

        return removed;
    }

    internal void Clear()
    {
        foreach (var (key, entry) in _entries)
        {
            Remove(key, entry);
        }
    }

    private bool Remove(UInt128 key, L1Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Size);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Evicts the least recently used entries down to nine tenths of the budget; one thread at a time, the
    /// others carry on. A small level is sorted exactly; a large one is not (sorting a snapshot of every
    /// entry on each compaction cost microseconds per insert once the level was full): the dictionary is
    /// ordered by the keys' hashes, unrelated to recency, so its first entries are a fair sample from which a
    /// recency threshold is read, and one pass drops what is older. A sample that misjudged repeats.
    /// </summary>
    private void Compact()
    {
        if (!_compaction.TryEnter())
        {
            return;
        }

        try
        {
            var target = maximumBytes / 10 * 9;
            if (_entries.Count <= SampleSize)
            {
                CompactExactly(target);
                return;
            }

            Span<long> sample = stackalloc long[SampleSize];
            for (var attempt = 0; attempt < MaximumSampledPasses && Volatile.Read(ref _bytes) > target; attempt++)
            {
                EvictOlderThan(Threshold(sample, target), target);
            }

            if (Volatile.Read(ref _bytes) > target)
            {
                CompactExactly(target);
            }
        }
        finally
        {
            _compaction.Exit();
        }
    }

    /// <summary>The recency below which about the share of entries to evict lies, with a margin so that one pass usually suffices.</summary>
    private long Threshold(Span<long> sample, long target)
    {
        var count = 0;
        foreach (var (_, entry) in _entries)
        {
            sample[count++] = entry.LastUsed;
            if (count == sample.Length)
            {
                break;
            }
        }

        var taken = sample[..count];
        taken.Sort();
        var bytes = Volatile.Read(ref _bytes);
        var share = bytes <= 0 ? 0 : (double)(bytes - target) / bytes;
        var index = (int)Math.Ceiling((share + ThresholdMargin) * count);
        return taken[Math.Clamp(index, 0, count - 1)];
    }

    private void EvictOlderThan(long threshold, long target)
    {
        foreach (var (key, entry) in _entries)
        {
            if (Volatile.Read(ref _bytes) <= target)
            {
                return;
            }

            if (entry.LastUsed <= threshold)
            {
                Remove(key, entry);
            }
        }
    }

    private void CompactExactly(long target)
    {
        var snapshot = _entries.ToArray();
        Array.Sort(snapshot, static (a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
        foreach (var (key, entry) in snapshot)
        {
            if (Volatile.Read(ref _bytes) <= target)
            {
                break;
            }

            Remove(key, entry);
        }
    }
}
