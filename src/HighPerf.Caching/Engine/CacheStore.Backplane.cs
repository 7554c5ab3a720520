using HighPerf.Caching.Engine.Backplane;

namespace HighPerf.Caching.Engine;

/// <summary>
/// Keeps every node's L1 in step: sets and removals send the key's hash, invalidations the tag,
/// and each node drops what it holds. A node that may have missed messages (its subscription was
/// down) clears its L1 and forgets what it knew of tags.
/// </summary>
internal sealed partial class CacheStore
{
    private readonly ICacheBackplane? _backplane;
    private readonly Guid _nodeId = Guid.NewGuid();
    private readonly CancellationTokenSource _stopping = new();
    private Task<IAsyncDisposable?>? _subscription;

    /// <summary>This node's id on the backplane (its own messages come back to it and are skipped).</summary>
    internal Guid NodeId => _nodeId;

    private void StartBackplane()
    {
        if (_backplane is not null)
        {
            _subscription = Task.Run(SubscribeWithRetryAsync);
        }
    }

    /// <summary>Subscribes, retrying with backoff while the server is unreachable; a late start may have missed messages, so it resynchronizes.</summary>
    private async Task<IAsyncDisposable?> SubscribeWithRetryAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var failed = false;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var subscription = await _backplane!.SubscribeAsync(OnBackplaneMessage, Resynchronize, _stopping.Token).ConfigureAwait(false);
                if (failed)
                {
                    Resynchronize();
                }

                return subscription;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                failed = true;
                Log.BackplaneSubscribeFailed(_logger, delay.TotalMilliseconds, ex);
                try
                {
                    await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Resolves once the backplane subscription is up (at once without a backplane); for callers that must not race the first message.</summary>
    internal async Task WaitForBackplaneAsync() => _ = _subscription is null ? null : await _subscription.ConfigureAwait(false);

    private async ValueTask StopBackplaneAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_subscription is not null && await _subscription.ConfigureAwait(false) is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask PublishAsync(BackplaneMessage message)
    {
        if (_backplane is null)
        {
            return;
        }

        try
        {
            using var timeout = _timeouts.Start(CancellationToken.None);
            await _backplane.PublishAsync(message.ToBytes(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.BackplanePublishFailed(_logger, ex);
        }
    }

    private void OnBackplaneMessage(byte[] payload)
    {
        if (!BackplaneMessage.TryParse(payload, out var message) || message.Node == _nodeId)
        {
            return;
        }

        switch (message.Kind)
        {
            case BackplaneMessageKind.Remove:
                _l1.Remove(message.Key);
                break;
            case BackplaneMessageKind.InvalidateTag:
                InvalidateLocally(message.Tag!, message.SentAtUnix);
                break;
        }
    }

    private void Resynchronize()
    {
        _l1.Clear();
        _tags.Clear();
        Log.BackplaneResynchronized(_logger);
    }
}
