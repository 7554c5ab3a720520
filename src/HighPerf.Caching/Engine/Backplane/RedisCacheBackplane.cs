using HighPerf.Caching.Distributed;
using HighPerf.Caching.Redis;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Engine.Backplane;

/// <summary>
/// The backplane on Redis pub/sub, over the client of the <see cref="RedisDistributedCache"/> that
/// is L2, on a channel named after the cache's instance name and <see cref="HighPerfCacheOptions.BackplaneChannel"/>.
/// </summary>
internal sealed class RedisCacheBackplane(RedisDistributedCache cache, IOptions<HighPerfCacheOptions> options, IOptions<RedisCacheOptions> redisOptions) : ICacheBackplane
{
    private readonly string _channel = (redisOptions.Value.InstanceName ?? string.Empty) + options.Value.BackplaneChannel;

    public async ValueTask PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var client = await cache.GetClientAsync(cancellationToken).ConfigureAwait(false);
        await client.PublishAsync(_channel, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(Action<byte[]> onMessage, Action onResynchronize, CancellationToken cancellationToken)
    {
        var client = await cache.GetClientAsync(cancellationToken).ConfigureAwait(false);
        var subscription = await client.SubscribeAsync(_channel, message => onMessage(message.Payload), cancellationToken).ConfigureAwait(false);
        client.SubscriptionsRestored += onResynchronize;
        return new Subscription(client, subscription, onResynchronize);
    }

    private sealed class Subscription(RedisClient client, RedisSubscription subscription, Action onResynchronize) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            client.SubscriptionsRestored -= onResynchronize;
            return subscription.DisposeAsync();
        }
    }
}
