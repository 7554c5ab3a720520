using System.Collections.Concurrent;
using HighPerf.Caching.Redis.Operations;

namespace HighPerf.Caching.Redis.Connection;

internal sealed partial class RedisConnection
{
    /// <summary>
    /// One socket's life. Its queue of commands awaiting replies has a single consumer, its own
    /// receive loop, which also fails whatever is left when the socket dies: so a reply can never
    /// be matched to a command of another socket, or to the wrong command.
    /// </summary>
    private sealed class Link(RedisTransport transport)
    {
        internal RedisTransport Transport { get; } = transport;

        internal ConcurrentQueue<RedisOperation> Pending { get; } = new();

        internal AsyncSignal SendSignal { get; } = new();

        internal bool Broken { get; set; }

        internal Task Finished { get; set; } = Task.CompletedTask;
    }
}
