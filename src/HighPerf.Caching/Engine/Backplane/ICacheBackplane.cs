namespace HighPerf.Caching.Engine.Backplane;

/// <summary>How the nodes of one cache tell each other to drop what they hold in process.</summary>
internal interface ICacheBackplane
{
    /// <summary>Sends <paramref name="message"/> to every other node.</summary>
    ValueTask PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// Starts receiving: <paramref name="onMessage"/> for each message (including this node's own),
    /// <paramref name="onResynchronize"/> whenever messages may have been missed (after a lost
    /// connection is back). Dispose the result to stop.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(Action<byte[]> onMessage, Action onResynchronize, CancellationToken cancellationToken);
}
