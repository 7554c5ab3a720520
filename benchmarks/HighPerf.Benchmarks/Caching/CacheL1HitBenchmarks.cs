using BenchmarkDotNet.Attributes;
using HighPerf.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// An in-process hit of a three-argument lookup. The baseline is the bare
/// <see cref="IMemoryCache.TryGetValue"/> of the same value under a ready-made string key (what
/// nothing can beat by much); ours go through the method the generator writes (key built from the
/// arguments, hashed, looked up), through a ready-made key, and through a string key; HybridCache
/// and FusionCache are the .NET peers, asked the way their users ask them.
/// </summary>
public class CacheL1HitBenchmarks
{
    private const string StringKey = "user_data:4200042:eu-west:3";
    private static readonly string s_region = "eu-west";
    private readonly long _userId = 4_200_042;
    private readonly int _page = 3;

    private ServiceProvider _services = null!;
    private IMemoryCache _memory = null!;
    private ICacheStore _store = null!;
    private ProfileService _service = null!;
    private HybridCache _hybrid = null!;
    private FusionCache _fusion = null!;
    private CacheKey _prebuilt;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddMemoryCache();
        services.AddHybridCache();
        services.AddHighPerfCaching(o => o.AddJsonTypeInfoResolver(BenchJsonContext.Default));
        _services = services.BuildServiceProvider();
        _memory = _services.GetRequiredService<IMemoryCache>();
        _store = _services.GetRequiredService<ICacheStore>();
        _hybrid = _services.GetRequiredService<HybridCache>();
        _fusion = new FusionCache(new FusionCacheOptions());
        _service = new ProfileService(_store);

        var value = new BenchProfile(_userId, s_region, _page, "Ada Lovelace");
        _memory.Set(StringKey, value, TimeSpan.FromMinutes(5));
        _prebuilt = CacheKey.FromString(StringKey);
        _store.SetAsync(_prebuilt, value).AsTask().GetAwaiter().GetResult();
        _hybrid.SetAsync(StringKey, value).AsTask().GetAwaiter().GetResult();
        _fusion.Set(StringKey, value, TimeSpan.FromMinutes(5));
        _service.GetProfileAsync(_userId, s_region, _page).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fusion.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public BenchProfile? MemoryCacheTryGetValue() => _memory.TryGetValue(StringKey, out BenchProfile? value) ? value : null;

    [Benchmark]
    public BenchProfile GeneratedMethod()
    {
        var pending = _service.GetProfileAsync(_userId, s_region, _page);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public BenchProfile? StoreTryGetValueReadyKey() => _store.TryGetValue(_prebuilt, out BenchProfile? value) ? value : null;

    [Benchmark]
    public BenchProfile StoreGetOrCreateStringKey()
    {
        var pending = _store.GetOrCreateAsync(StringKey, this, static (self, _) => ValueTask.FromResult(new BenchProfile(self._userId, s_region, self._page, "miss")));
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public BenchProfile HybridCacheGetOrCreate()
    {
        var pending = _hybrid.GetOrCreateAsync(StringKey, this, static (self, _) => ValueTask.FromResult(new BenchProfile(self._userId, s_region, self._page, "miss")));
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public BenchProfile FusionCacheGetOrSet()
    {
        var pending = _fusion.GetOrSetAsync<BenchProfile>(StringKey, static (_, _) => Task.FromResult(new BenchProfile(0, s_region, 0, "miss")));
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
