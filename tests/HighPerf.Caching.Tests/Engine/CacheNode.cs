using HighPerf.Caching.Distributed;
using HighPerf.Caching.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>
/// One application node as a user would wire it (AddHighPerfRedis + AddHighPerfCaching), with its
/// own Redis connections: two of them on one server stand for two machines.
/// </summary>
internal sealed class CacheNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CacheNode(ServiceProvider provider, RecordingLogger log)
    {
        _provider = provider;
        Log = log;
        Store = (CacheStore)provider.GetRequiredService<ICacheStore>();
        L2 = provider.GetRequiredService<RedisDistributedCache>();
    }

    internal CacheStore Store { get; }

    internal RedisDistributedCache L2 { get; }

    internal RecordingLogger Log { get; }

    /// <summary>A node whose backplane subscription is up, so no message sent after this is missed.</summary>
    internal static async Task<CacheNode> StartAsync(string connectionString, string instanceName, Action<HighPerfCacheOptions>? configure = null, TimeProvider? time = null)
    {
        var log = new RecordingLogger();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new RecordingLoggerFactory(log));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddHighPerfRedis(o =>
        {
            o.ConnectionString = connectionString;
            o.InstanceName = instanceName;
        });
        services.AddHighPerfCaching(o =>
        {
            o.AddJsonTypeInfoResolver(TestJsonContext.Default);
            configure?.Invoke(o);
        });
        var node = new CacheNode(services.BuildServiceProvider(), log);
        await node.Store.WaitForBackplaneAsync();
        return node;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>Waits for what another node or a background task makes true.</summary>
internal static class Eventually
{
    internal static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Not within {timeoutMs} ms: {what}");
            }

            await Task.Delay(10);
        }
    }

    internal static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Not within {timeoutMs} ms: {what}");
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>Keeps the event ids of what was logged, to assert that failures were logged rather than thrown.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Id, string Message)> _events = new();

    internal IReadOnlyCollection<(int Id, string Message)> Events => _events;

    internal bool Has(int eventId) => _events.Any(e => e.Id == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _events.Enqueue((eventId.Id, formatter(state, exception)));
}

internal sealed class RecordingLoggerFactory(RecordingLogger logger) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
