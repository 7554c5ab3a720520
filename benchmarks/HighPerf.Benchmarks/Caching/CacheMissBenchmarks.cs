using BenchmarkDotNet.Attributes;
using HighPerf.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// The engine's own cost of a miss, in process only: a key never seen, a factory that returns at
/// once, the value serialized (to size it) and stored. The baseline is HybridCache doing the same;
/// FusionCache beside it. 1,000 distinct keys per invocation; every invocation uses new ones.
/// </summary>
public class CacheMissBenchmarks
{
    private const int KeysPerInvoke = 1000;
    private static readonly CacheKeyScope s_scope = new("miss");

    private ServiceProvider _services = null!;
    private ICacheStore _store = null!;
    private HybridCache _hybrid = null!;
    private FusionCache _fusion = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        services.AddHighPerfCaching(o => o.AddJsonTypeInfoResolver(BenchJsonContext.Default));
        _services = services.BuildServiceProvider();
        _store = _services.GetRequiredService<ICacheStore>();
        _hybrid = _services.GetRequiredService<HybridCache>();
        _fusion = new FusionCache(new FusionCacheOptions());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fusion.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeysPerInvoke)]
    public async Task HybridCacheMiss()
    {
        for (var i = 0; i < KeysPerInvoke; i++)
        {
            var id = _next++;
            await _hybrid.GetOrCreateAsync("miss:" + id, id, static (id, _) => ValueTask.FromResult(new BenchProfile(id, "eu-west", 1, "Ada")));
        }
    }

    [Benchmark(OperationsPerInvoke = KeysPerInvoke)]
    public async Task StoreMiss()
    {
        for (var i = 0; i < KeysPerInvoke; i++)
        {
            var id = _next++;
            await _store.GetOrCreateAsync(KeyOf(id), id, static (id, _) => ValueTask.FromResult(new BenchProfile(id, "eu-west", 1, "Ada")));
        }
    }

    private static CacheKey KeyOf(long id)
    {
        var builder = new CacheKeyBuilder(s_scope, stackalloc byte[64]);
        builder.Add(id);
        return builder.ToCacheKey();
    }

    [Benchmark(OperationsPerInvoke = KeysPerInvoke)]
    public async Task FusionCacheMiss()
    {
        for (var i = 0; i < KeysPerInvoke; i++)
        {
            var id = _next++;
            await _fusion.GetOrSetAsync("miss:" + id, _ => Task.FromResult(new BenchProfile(id, "eu-west", 1, "Ada")));
        }
    }
}
