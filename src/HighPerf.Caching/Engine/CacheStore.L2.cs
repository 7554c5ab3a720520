using System.Buffers;
using System.Runtime.CompilerServices;
using HighPerf.Caching.Engine.Envelope;
using Microsoft.Extensions.Caching.Distributed;

namespace HighPerf.Caching.Engine;

internal sealed partial class CacheStore
{
    /// <summary>
    /// Reads a key from L2, within <see cref="HighPerfCacheOptions.DistributedCacheTimeout"/>. Fail-open:
    /// an error, a timeout, an unreadable value or one invalidated by tag is a miss, logged. A value
    /// that is found and fresh is put in L1 too. Only the caller's own cancellation throws.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<L2Read<T>> ReadL2Async<T>(CacheKey key, EntrySettings settings, CancellationToken cancellationToken)
    {
        if (_l2 is null)
        {
            return default;
        }

        var serializer = _serializers.Get<T>();
        var text = key.ToString();
        using var reader = EnvelopeReader<T>.Rent(serializer);
        bool found;
        using (var timeout = _timeouts.Start(cancellationToken))
        {
            try
            {
                found = await _l2.TryGetAsync(text, reader, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.DistributedReadFailed(_logger, text, ex);
                return default;
            }
        }

        if (!found)
        {
            return default;
        }

        if (reader.IsCorrupt || !CacheEnvelope.TryRead(reader.Header, out var envelope))
        {
            Log.DistributedEntryUnreadable(_logger, text, null);
            return default;
        }

        CachingTelemetry.Read(reader.Header.Length + envelope.PayloadLength);
        if (await IsInvalidatedAsync(envelope.Tags, envelope.CreatedAtUnix, cancellationToken).ConfigureAwait(false))
        {
            return default;
        }

        T value;
        try
        {
            value = reader.Decode(envelope, serializer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DistributedEntryUnreadable(_logger, text, ex);
            return default;
        }

        var read = new L2Read<T>(value, envelope, envelope.PayloadLength, _clock.UnixMilliseconds);
        if (read.IsFresh && envelope.PayloadLength <= _options.MaximumL1EntryBytes)
        {
            var now = _clock.NowMilliseconds;
            _l1.Set(key.Hash, read.ToL1Entry(settings, _clock, now), now);
        }

        return read;
    }

    /// <summary>Writes an envelope to L2 for its fresh life plus fail-safe (cut to the tag retention when tagged); failures are logged, not thrown.</summary>
    private async ValueTask WriteL2Async(CacheKey key, ReadOnlySequence<byte> envelope, EntrySettings settings, bool tagged, CancellationToken cancellationToken)
    {
        var lifetime = settings.FailSafe > TimeSpan.Zero ? settings.Expiration + settings.FailSafe : settings.Expiration;
        if (tagged && lifetime > _options.TagRetention)
        {
            lifetime = _options.TagRetention;
        }

        await WithL2TimeoutAsync(key.ToString(), (envelope, lifetime), static (l2, text, state, token) =>
            l2.SetAsync(text, state.envelope, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = state.lifetime }, token), cancellationToken).ConfigureAwait(false);
        CachingTelemetry.Written(envelope.Length);
    }

    private ValueTask RemoveL2Async(CacheKey key, CancellationToken cancellationToken) =>
        _l2 is null
            ? ValueTask.CompletedTask
            : WithL2TimeoutAsync(key.ToString(), 0, static (l2, text, _, token) => new ValueTask(l2.RemoveAsync(text, token)), cancellationToken);

    /// <summary>Runs one L2 write within the timeout; a failure or timeout is logged and swallowed (the caller's own cancellation still throws).</summary>
    private async ValueTask WithL2TimeoutAsync<TState>(string key, TState state, Func<IBufferDistributedCache, string, TState, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        using var timeout = _timeouts.Start(cancellationToken);
        try
        {
            await write(_l2!, key, state, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.DistributedWriteFailed(_logger, key, ex);
        }
    }
}
