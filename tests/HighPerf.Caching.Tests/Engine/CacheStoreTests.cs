using HighPerf.Caching.Distributed;
using HighPerf.Caching.Engine;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Tests.Engine;

[Collection(RedisFixture.CollectionName)]
public sealed class CacheStoreTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = $"engine:{Guid.NewGuid():N}:";
    private RedisDistributedCache _l2 = null!;

    public Task InitializeAsync()
    {
        _l2 = new RedisDistributedCache(Options.Create(new RedisCacheOptions { ConnectionString = redis.Server.ConnectionString, InstanceName = _prefix }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _l2.DisposeAsync();

    private static CacheStore Store(IBufferDistributedCache? l2, Action<HighPerfCacheOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new HighPerfCacheOptions().AddJsonTypeInfoResolver(TestJsonContext.Default);
        configure?.Invoke(options);
        return new CacheStore(Options.Create(options), new ServiceCollection().BuildServiceProvider(), l2, time);
    }

    [Fact]
    public async Task A_thousand_concurrent_callers_on_a_cold_key_cause_one_factory_call()
    {
        var store = Store(_l2);
        var calls = 0;
        var release = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () => await store.GetOrCreateAsync("cold", 0, async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            await release.Task;
            return new Profile("Ada", 1);
        }))).ToArray();

        await Task.Delay(100);
        release.SetResult();
        var results = await Task.WhenAll(callers);
        Assert.Equal(1, calls);
        Assert.All(results, p => Assert.Equal(new Profile("Ada", 1), p));
    }

    [Fact]
    public async Task An_l1_hit_returns_the_cached_instance_without_the_factory()
    {
        var store = Store(null);
        var first = await store.GetOrCreateAsync("k", 0, (_, _) => ValueTask.FromResult(new Profile("Bo", 2)));
        var second = await store.GetOrCreateAsync<int, Profile>("k", 0, (_, _) => throw new InvalidOperationException("not called"));
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Another_node_reads_the_value_from_l2_without_its_factory()
    {
        var nodeA = Store(_l2);
        var nodeB = Store(_l2);
        await nodeA.GetOrCreateAsync("shared", 0, (_, _) => ValueTask.FromResult(new Profile("Cy", 3)));
        var fromL2 = await nodeB.GetOrCreateAsync<int, Profile>("shared", 0, (_, _) => throw new InvalidOperationException("not called"));
        Assert.Equal(new Profile("Cy", 3), fromL2);
        Assert.NotNull(await _l2.GetAsync("shared"));
    }

    [Fact]
    public async Task A_factory_that_throws_fails_every_waiter_and_caches_nothing()
    {
        var store = Store(_l2);
        var release = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 50).Select(_ => store.GetOrCreateAsync<int, Profile>("boom", 0, async (_, _) =>
        {
            await release.Task;
            throw new TimeoutException("backend down");
        }).AsTask()).ToArray();
        release.SetResult();
        foreach (var caller in callers)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => caller);
        }

        Assert.Null(await _l2.GetAsync("boom"));
        Assert.Equal(new Profile("Di", 4), await store.GetOrCreateAsync("boom", 0, (_, _) => ValueTask.FromResult(new Profile("Di", 4))));
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_the_others_but_all_cancelling_cancels_the_factory()
    {
        var store = Store(null);
        var release = new TaskCompletionSource();
        var factoryToken = new TaskCompletionSource<CancellationToken>();
        using var impatient = new CancellationTokenSource();
        var first = store.GetOrCreateAsync("slow", 0, async (_, token) =>
        {
            factoryToken.TrySetResult(token);
            await release.Task;
            return "done";
        }, cancellationToken: impatient.Token).AsTask();
        var patient = store.GetOrCreateAsync<int, string>("slow", 0, (_, _) => throw new InvalidOperationException("joins the first run")).AsTask();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();
        Assert.Equal("done", await patient);
        Assert.False((await factoryToken.Task).IsCancellationRequested);

        using var all = new CancellationTokenSource();
        var seen = new TaskCompletionSource<CancellationToken>();
        var lonely = store.GetOrCreateAsync("lonely", 0, async (_, token) =>
        {
            seen.TrySetResult(token);
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }, cancellationToken: all.Token).AsTask();
        var token = await seen.Task;
        await all.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lonely);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task The_in_process_level_stays_within_its_byte_budget_and_keeps_recent_entries()
    {
        var store = Store(null, o => o.MaximumL1Bytes = 20_000);
        for (var i = 0; i < 200; i++)
        {
            await store.SetAsync($"k{i}", new string('x', 1_000));
            await store.GetOrCreateAsync<int, string>("k0", 0, (_, _) => ValueTask.FromResult(new string('y', 1_000)));
        }

        Assert.InRange(store.L1.Bytes, 1, 20_000);
        Assert.True(store.L1.Count < 200);
        var recent = await store.GetOrCreateAsync<int, string>("k199", 0, (_, _) => throw new InvalidOperationException("evicted"));
        Assert.Equal(1_000, recent.Length);
    }

    [Fact]
    public async Task Local_entries_expire_after_their_local_lifetime()
    {
        var time = new ManualTime();
        var store = Store(null, time: time);
        var calls = 0;
        ValueTask<int> Factory(int _, CancellationToken __) => ValueTask.FromResult(Interlocked.Increment(ref calls));
        var options = new CacheEntryOptions { Expiration = TimeSpan.FromMinutes(10), LocalExpiration = TimeSpan.FromSeconds(30) };

        Assert.Equal(1, await store.GetOrCreateAsync("t", 0, Factory, options));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, await store.GetOrCreateAsync("t", 0, Factory, options));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await store.GetOrCreateAsync("t", 0, Factory, options));
    }

    [Fact]
    public async Task Remove_clears_both_levels()
    {
        var store = Store(_l2);
        await store.SetAsync("gone", new Profile("Ed", 5));
        Assert.NotNull(await _l2.GetAsync("gone"));
        await store.RemoveAsync("gone");
        Assert.Null(await _l2.GetAsync("gone"));
        Assert.Equal(new Profile("Fi", 6), await store.GetOrCreateAsync("gone", 0, (_, _) => ValueTask.FromResult(new Profile("Fi", 6))));
    }

    [Fact]
    public async Task A_type_without_a_serializer_is_named_in_the_error()
    {
        var store = Store(null);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.SetAsync("u", new Uri("https://example.org")));
        Assert.Contains("System.Uri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_bound_from_the_cache_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HighPerf:Cache:MaximumL1Bytes"] = "12345",
            ["HighPerf:Cache:DefaultExpiration"] = "00:10:00",
            ["HighPerf:Cache:DefaultLocalExpiration"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddHighPerfCaching();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<HighPerfCacheOptions>>().Value;
        Assert.Equal(12345, options.MaximumL1Bytes);
        Assert.Equal(TimeSpan.FromMinutes(10), options.DefaultExpiration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DefaultLocalExpiration);
        Assert.NotNull(provider.GetRequiredService<ICacheStore>());
    }

    [Fact]
    public async Task AddHighPerfCaching_uses_the_registered_distributed_cache()
    {
        var services = new ServiceCollection();
        services.AddHighPerfRedis(o =>
        {
            o.ConnectionString = redis.Server.ConnectionString;
            o.InstanceName = _prefix + "di:";
        });
        services.AddHighPerfCaching(o => o.AddJsonTypeInfoResolver(TestJsonContext.Default));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ICacheStore>();
        Assert.Equal(new Profile("Gi", 7), await store.GetOrCreateAsync("di", 0, (_, _) => ValueTask.FromResult(new Profile("Gi", 7))));
        Assert.NotNull(await provider.GetRequiredService<IDistributedCache>().GetAsync("di"));
    }

    [Fact]
    public async Task AddHighPerfCaching_with_configuration_adds_redis_only_when_a_server_is_named()
    {
        var named = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HighPerf:Cache:Redis"] = redis.Server.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(named);
        services.AddHighPerfCaching(named, o => o.AddJsonTypeInfoResolver(TestJsonContext.Default));
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<RedisDistributedCache>(provider.GetRequiredService<IBufferDistributedCache>());
            var store = (CacheStore)provider.GetRequiredService<ICacheStore>();
            await store.WaitForBackplaneAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await store.SetAsync(_prefix + "configured", new Profile("Hu", 8));
            Assert.NotNull(await provider.GetRequiredService<IDistributedCache>().GetAsync(_prefix + "configured"));
        }

        var unnamed = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var alone = new ServiceCollection();
        alone.AddHighPerfCaching(unnamed);
        await using var aloneProvider = alone.BuildServiceProvider();
        Assert.Null(aloneProvider.GetService<IBufferDistributedCache>());
        Assert.NotNull(aloneProvider.GetRequiredService<ICacheStore>());
    }

    [Fact]
    public async Task A_container_with_redis_and_the_store_can_be_disposed_synchronously()
    {
        var services = new ServiceCollection();
        services.AddHighPerfRedis(o => o.ConnectionString = redis.Server.ConnectionString);
        services.AddHighPerfCaching(o => o.AddJsonTypeInfoResolver(TestJsonContext.Default));
        var provider = services.BuildServiceProvider();
        var store = (CacheStore)provider.GetRequiredService<ICacheStore>();
        await store.WaitForBackplaneAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await store.SetAsync(_prefix + "sync", new Profile("Iv", 9));
        provider.Dispose();
    }
}
