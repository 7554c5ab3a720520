namespace HighPerf.Caching.Redis;

/// <summary>One handler subscribed to a channel or pattern; dispose it to unsubscribe.</summary>
public sealed class RedisSubscription : IAsyncDisposable
{
    private readonly RedisSubscriber _owner;
    private int _disposed;

    internal RedisSubscription(RedisSubscriber owner, string name, bool isPattern, Action<RedisMessage> handler)
    {
        _owner = owner;
        Name = name;
        IsPattern = isPattern;
        Handler = handler;
    }

    /// <summary>The channel, or the pattern for a pattern subscription.</summary>
    public string Name { get; }

    /// <summary>Whether <see cref="Name"/> is a PSUBSCRIBE pattern.</summary>
    public bool IsPattern { get; }

    internal Action<RedisMessage> Handler { get; }

    /// <summary>Removes the handler; the last one for a channel unsubscribes it on the server.</summary>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _owner.RemoveAsync(this) : ValueTask.CompletedTask;
}
