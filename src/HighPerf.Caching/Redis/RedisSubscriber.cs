using HighPerf.Caching.Redis.Commands;
using HighPerf.Caching.Redis.Connection;
using HighPerf.Caching.Redis.Operations;
using Microsoft.Extensions.Logging;

namespace HighPerf.Caching.Redis;

/// <summary>
/// The dedicated connection for SUBSCRIBE/PSUBSCRIBE (a subscribed connection can run no other
/// commands in RESP2). It remembers what is subscribed and subscribes again after a reconnect.
/// Handlers run on the connection's receive loop, one message at a time, in order.
/// </summary>
internal sealed class RedisSubscriber : IAsyncDisposable
{
    private readonly RedisConnection _connection;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Name, bool IsPattern), List<RedisSubscription>> _subscriptions = [];

    private RedisSubscriber(RedisConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        _connection.PushReceived = OnMessage;
        _connection.Reconnected = ResubscribeAsync;
    }

    internal static async Task<RedisSubscriber> ConnectAsync(RedisConnectionOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await RedisConnection.ConnectAsync(options, logger, subscriber: true, cancellationToken).ConfigureAwait(false);
        return new RedisSubscriber(connection, logger);
    }

    /// <summary>Called after a lost connection is back and every channel subscribed again; messages published in between were lost.</summary>
    internal Action? Restored { get; set; }

    internal async Task<RedisSubscription> AddAsync(string name, bool isPattern, Action<RedisMessage> handler, CancellationToken cancellationToken)
    {
        var subscription = new RedisSubscription(this, name, isPattern, handler);
        bool first;
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue((name, isPattern), out var list))
            {
                _subscriptions[(name, isPattern)] = list = [];
            }

            list.Add(subscription);
            first = list.Count == 1;
        }

        if (first)
        {
            try
            {
                await SendAsync(isPattern ? "PSUBSCRIBE" : "SUBSCRIBE", name, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Remove(subscription);
                throw;
            }
        }

        return subscription;
    }

    internal async ValueTask RemoveAsync(RedisSubscription subscription)
    {
        if (Remove(subscription) && _connection.IsConnected)
        {
            await SendAsync(subscription.IsPattern ? "PUNSUBSCRIBE" : "UNSUBSCRIBE", subscription.Name, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>Removes a handler; <see langword="true"/> when it was the last for its channel.</summary>
    private bool Remove(RedisSubscription subscription)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue((subscription.Name, subscription.IsPattern), out var list) || !list.Remove(subscription))
            {
                return false;
            }

            if (list.Count > 0)
            {
                return false;
            }

            _subscriptions.Remove((subscription.Name, subscription.IsPattern));
            return true;
        }
    }

    // One channel per command: each confirmation answers exactly one command, keeping replies in step.
    private async Task SendAsync(string command, string name, CancellationToken cancellationToken) =>
        await _connection.SendAsync<RedisReply, ReplyParser, TextCommand>(new TextCommand([command, name]), null, cancellationToken).ConfigureAwait(false);

    private async Task ResubscribeAsync(RedisConnection connection)
    {
        (string Name, bool IsPattern)[] keys;
        lock (_gate)
        {
            keys = [.. _subscriptions.Keys];
        }

        foreach (var (name, isPattern) in keys)
        {
            await SendAsync(isPattern ? "PSUBSCRIBE" : "SUBSCRIBE", name, CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            Restored?.Invoke();
        }
        catch (Exception ex)
        {
            Log.PushHandlerFailed(_logger, ex);
        }
    }

    private void OnMessage(RedisReply push)
    {
        var parts = push.Elements;
        string? pattern = null;
        string channel;
        byte[] payload;
        var kind = parts.Count > 0 ? parts[0].ToString() : string.Empty;
        if (kind is "message" or "smessage" && parts.Count == 3)
        {
            channel = parts[1].ToString();
            payload = parts[2].Bytes ?? [];
        }
        else if (kind == "pmessage" && parts.Count == 4)
        {
            pattern = parts[1].ToString();
            channel = parts[2].ToString();
            payload = parts[3].Bytes ?? [];
        }
        else
        {
            return;
        }

        RedisSubscription[] handlers;
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue((pattern ?? channel, pattern is not null), out var list))
            {
                return;
            }

            handlers = [.. list];
        }

        var message = new RedisMessage(channel, pattern, payload);
        foreach (var subscription in handlers)
        {
            try
            {
                subscription.Handler(message);
            }
            catch (Exception ex)
            {
                Log.PushHandlerFailed(_logger, ex);
            }
        }
    }
}
