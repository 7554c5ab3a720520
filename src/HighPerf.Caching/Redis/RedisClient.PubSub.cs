using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Operations;

namespace HighPerf.Caching.Redis;

public sealed partial class RedisClient
{
    private readonly SemaphoreSlim _subscriberGate = new(1, 1);
    private RedisSubscriber? _subscriber;

    /// <summary>
    /// Raised after the subscription connection was lost, came back, and every channel was
    /// subscribed again. Messages published in between were lost: a handler that keeps state from
    /// messages (an in-process cache, say) should resynchronize. Keep handlers short.
    /// </summary>
    public event Action? SubscriptionsRestored;

    /// <summary>PUBLISH: returns how many subscribers received the message.</summary>
    public ValueTask<long> PublishAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return _connection.SendAsync<long, IntegerParser, KeyValuesCommand>(new KeyValuesCommand("PUBLISH"u8, channel, null, message), null, cancellationToken);
    }

    /// <summary>
    /// SUBSCRIBE: calls <paramref name="handler"/> for every message on <paramref name="channel"/>
    /// until the returned subscription is disposed. Runs on a dedicated connection, opened on first
    /// use; subscriptions are restored after a reconnect (messages published while disconnected are lost).
    /// </summary>
    public Task<RedisSubscription> SubscribeAsync(string channel, Action<RedisMessage> handler, CancellationToken cancellationToken = default) =>
        SubscribeCoreAsync(channel, isPattern: false, handler, cancellationToken);

    /// <summary>PSUBSCRIBE: like <see cref="SubscribeAsync"/> for every channel matching a glob-style pattern.</summary>
    public Task<RedisSubscription> SubscribePatternAsync(string pattern, Action<RedisMessage> handler, CancellationToken cancellationToken = default) =>
        SubscribeCoreAsync(pattern, isPattern: true, handler, cancellationToken);

    private async Task<RedisSubscription> SubscribeCoreAsync(string name, bool isPattern, Action<RedisMessage> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(handler);
        var subscriber = _subscriber;
        if (subscriber is null)
        {
            await _subscriberGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_subscriber is null)
                {
                    var connected = await RedisSubscriber.ConnectAsync(_options, _logger, cancellationToken).ConfigureAwait(false);
                    connected.Restored = () => SubscriptionsRestored?.Invoke();
                    _subscriber = connected;
                }

                subscriber = _subscriber;
            }
            finally
            {
                _subscriberGate.Release();
            }
        }

        return await subscriber.AddAsync(name, isPattern, handler, cancellationToken).ConfigureAwait(false);
    }
}
