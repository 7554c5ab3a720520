using BenchmarkDotNet.Attributes;
using HighPerf.Caching;
using HighPerf.Caching.Redis;
using HighPerf.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// A hit in the distributed level (the in-process level kept out of the way) against a private
/// redis-server on loopback. The baseline is a bare GET of the same stored bytes on our Redis
/// client; ours is the store's L2 read (envelope, tag check, the value read straight into the
/// returned array); HybridCache and FusionCache read through the same Redis cache. One
/// invocation is 1,600 reads shared by the callers, so Mean and Allocated are per read. Each
/// caller reads its own key: concurrent readers of one key would share one read in the caches
/// (their stampede protection) and not in the baseline.
/// </summary>
public class CacheL2HitBenchmarks
{
    private const int ReadsPerInvoke = 1600;
    private const string Key = "bench:l2:value";

    private RedisServer _server = null!;
    private RedisClient _client = null!;
    private ServiceProvider _services = null!;
    private ICacheStore _store = null!;
    private HybridCache _hybrid = null!;
    private FusionCache _fusion = null!;
    private string[] _keys = [];
    private static readonly HybridCacheEntryOptions s_hybridRemoteOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCache };
    private static readonly FusionCacheEntryOptions s_fusionRemoteOnly = new() { SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };

    [Params(100, 4096)]
    public int ValueBytes { get; set; }

    [Params(1, 16)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = RedisServer.StartAsync().GetAwaiter().GetResult();
        _client = RedisClient.ConnectAsync(_server.ConnectionString).GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddHighPerfRedis(o => o.ConnectionString = _server.ConnectionString);
        services.AddHighPerfCaching(o =>
        {
            o.MaximumL1EntryBytes = 0;
            o.AddJsonTypeInfoResolver(BenchJsonContext.Default);
        });
        services.AddHybridCache();
        _services = services.BuildServiceProvider();
        _store = _services.GetRequiredService<ICacheStore>();
        _hybrid = _services.GetRequiredService<HybridCache>();
        _fusion = new FusionCache(new FusionCacheOptions());
        _fusion.SetupDistributedCache(_services.GetRequiredService<IDistributedCache>(), new FusionCacheSystemTextJsonSerializer());

        var value = new byte[ValueBytes];
        new Random(ValueBytes).NextBytes(value);
        _keys = [.. Enumerable.Range(0, Callers).Select(i => $"{Key}:{i}")];
        foreach (var key in _keys)
        {
            _store.SetAsync(key, value).AsTask().GetAwaiter().GetResult();
            _hybrid.SetAsync(key + ":hybrid", value).AsTask().GetAwaiter().GetResult();
            _fusion.Set(key + ":fusion", value, s_fusionRemoteOnly);

            // The baseline reads exactly the bytes the store keeps under its key.
            if (_client.GetAsync(key).AsTask().GetAwaiter().GetResult() is not { } stored || stored.Length < ValueBytes)
            {
                throw new InvalidOperationException("The store did not write its value to Redis.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fusion.Dispose();
        _services.Dispose();
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ReadsPerInvoke)]
    public Task BareGet() => RunAsync(static async (self, key, count) =>
    {
        for (var i = 0; i < count; i++)
        {
            await self._client.GetAsync(key);
        }
    });

    [Benchmark(OperationsPerInvoke = ReadsPerInvoke)]
    public Task StoreL2Hit() => RunAsync(static async (self, key, count) =>
    {
        CacheKey cacheKey = key;
        for (var i = 0; i < count; i++)
        {
            await self._store.GetOrCreateAsync<int, byte[]>(cacheKey, 0, static (_, _) => throw new InvalidOperationException("not in L2"));
        }
    });

    [Benchmark(OperationsPerInvoke = ReadsPerInvoke)]
    public Task HybridCacheL2Hit() => RunAsync(static async (self, key, count) =>
    {
        key += ":hybrid";
        for (var i = 0; i < count; i++)
        {
            await self._hybrid.GetOrCreateAsync<byte[]>(key, static _ => throw new InvalidOperationException("not in L2"), s_hybridRemoteOnly);
        }
    });

    [Benchmark(OperationsPerInvoke = ReadsPerInvoke)]
    public Task FusionCacheL2Hit() => RunAsync(static async (self, key, count) =>
    {
        key += ":fusion";
        for (var i = 0; i < count; i++)
        {
            await self._fusion.GetOrSetAsync<byte[]>(key, static (_, _) => throw new InvalidOperationException("not in L2"), s_fusionRemoteOnly);
        }
    });

    private Task RunAsync(Func<CacheL2HitBenchmarks, string, int, Task> caller)
    {
        var perCaller = ReadsPerInvoke / Callers;
        if (Callers == 1)
        {
            return caller(this, _keys[0], perCaller);
        }

        var tasks = new Task[Callers];
        for (var i = 0; i < tasks.Length; i++)
        {
            var key = _keys[i];
            tasks[i] = Task.Run(() => caller(this, key, perCaller));
        }

        return Task.WhenAll(tasks);
    }
}
