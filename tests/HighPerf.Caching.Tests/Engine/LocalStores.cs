using HighPerf.Caching.Engine;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>Stores built directly, for tests that need a hand-moved clock or no backplane.</summary>
internal static class LocalStores
{
    internal static CacheStore Create(IBufferDistributedCache? l2 = null, Action<HighPerfCacheOptions>? configure = null, TimeProvider? time = null, RecordingLogger? log = null)
    {
        var options = new HighPerfCacheOptions().AddJsonTypeInfoResolver(TestJsonContext.Default);
        configure?.Invoke(options);
        ILogger<CacheStore>? logger = log is null ? null : new Logger<CacheStore>(new RecordingLoggerFactory(log));
        return new CacheStore(Options.Create(options), new ServiceCollection().BuildServiceProvider(), l2, time, logger);
    }
}
