using System.Buffers;
using System.Buffers.Binary;
using HighPerf.Caching.Engine.Backplane;
using Microsoft.Extensions.Caching.Distributed;

namespace HighPerf.Caching.Engine;

/// <summary>
/// Invalidation by tag, without enumerating keys: the time of each invalidation is recorded here,
/// in L2 under <see cref="TagKeyPrefix"/> + tag (8 bytes, Unix milliseconds, little-endian) and on
/// the backplane; an entry created at or before the time of one of its tags is treated as absent
/// wherever it is read. L1 drops tagged entries at once, so its hits never check tags.
/// </summary>
internal sealed partial class CacheStore
{
    internal const string TagKeyPrefix = "__highperf:tag:";
    private const int TagRegistryCapacity = 100_000;

    private readonly TagRegistry _tags;

    public async ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var at = _clock.UnixMilliseconds;
        InvalidateLocally(tag, at);
        if (_l2 is not null)
        {
            var value = new byte[sizeof(long)];
            BinaryPrimitives.WriteInt64LittleEndian(value, at);
            await WithL2TimeoutAsync(TagKeyPrefix + tag, value, (l2, key, bytes, token) =>
                l2.SetAsync(key, new ReadOnlySequence<byte>(bytes), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.TagRetention }, token), cancellationToken).ConfigureAwait(false);
        }

        await PublishAsync(new BackplaneMessage(BackplaneMessageKind.InvalidateTag, _nodeId, at, 0, tag)).ConfigureAwait(false);
    }

    private void InvalidateLocally(string tag, long atUnix)
    {
        _tags.Record(tag, atUnix, _clock.NowMilliseconds);
        if (string.Equals(tag, TagRegistry.Everything, StringComparison.Ordinal))
        {
            _l1.Clear();
        }
        else
        {
            _l1.RemoveTagged(tag);
        }
    }

    /// <summary>
    /// Whether an L2 entry is invalidated by one of its tags (or by <c>*</c>); tags this node has not
    /// seen are looked up in L2 once. When every tag is known here, as on nearly every read, the
    /// answer comes without an async frame.
    /// </summary>
    private ValueTask<bool> IsInvalidatedAsync(string[]? tags, long createdAtUnix, CancellationToken cancellationToken)
    {
        var now = _clock.NowMilliseconds;
        if (!_tags.TryGet(TagRegistry.Everything, out var everything, now))
        {
            return IsInvalidatedSlowAsync(tags, createdAtUnix, cancellationToken);
        }

        if (everything >= createdAtUnix)
        {
            return ValueTask.FromResult(true);
        }

        if (tags is not null)
        {
            foreach (var tag in tags)
            {
                if (!_tags.TryGet(tag, out var at, now))
                {
                    return IsInvalidatedSlowAsync(tags, createdAtUnix, cancellationToken);
                }

                if (at >= createdAtUnix)
                {
                    return ValueTask.FromResult(true);
                }
            }
        }

        return ValueTask.FromResult(false);
    }

    private async ValueTask<bool> IsInvalidatedSlowAsync(string[]? tags, long createdAtUnix, CancellationToken cancellationToken)
    {
        if (await InvalidatedAtAsync(TagRegistry.Everything, cancellationToken).ConfigureAwait(false) >= createdAtUnix)
        {
            return true;
        }

        if (tags is not null)
        {
            foreach (var tag in tags)
            {
                if (await InvalidatedAtAsync(tag, cancellationToken).ConfigureAwait(false) >= createdAtUnix)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>When <paramref name="tag"/> was last invalidated as far as this node or L2 knows (0: never); an unreachable L2 counts as never (fail-open).</summary>
    private async ValueTask<long> InvalidatedAtAsync(string tag, CancellationToken cancellationToken)
    {
        if (_tags.TryGet(tag, out var known, _clock.NowMilliseconds))
        {
            return known;
        }

        var at = 0L;
        var buffer = new ArrayBufferWriter<byte>(sizeof(long));
        using (var timeout = _timeouts.Start(cancellationToken))
        {
            try
            {
                if (await _l2!.TryGetAsync(TagKeyPrefix + tag, buffer, timeout.Token).ConfigureAwait(false) && buffer.WrittenCount == sizeof(long))
                {
                    at = BinaryPrimitives.ReadInt64LittleEndian(buffer.WrittenSpan);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.DistributedReadFailed(_logger, TagKeyPrefix + tag, ex);
                return 0;
            }
        }

        _tags.Record(tag, at, _clock.NowMilliseconds);
        return at;
    }
}
