using HighPerf.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>Fail-safe: stale values served when the factory or L2 fails or is too slow, within their limits.</summary>
[Collection(RedisFixture.CollectionName)]
public sealed class FailSafeTests(RedisFixture redis)
{
    private static readonly CacheEntryOptions TenSeconds = new() { Expiration = TimeSpan.FromSeconds(10), LocalExpiration = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_failing_factory_gets_the_stale_value_then_is_left_alone_for_the_throttle_duration()
    {
        var time = new ManualTime();
        var log = new RecordingLogger();
        var store = LocalStores.Create(configure: o =>
        {
            o.FailSafeMaxDuration = TimeSpan.FromMinutes(5);
            o.FailSafeThrottleDuration = TimeSpan.FromSeconds(30);
        }, time: time, log: log);
        var calls = 0;
        var fail = false;
        ValueTask<Profile> Factory(int _, CancellationToken __)
        {
            calls++;
            return fail ? ValueTask.FromException<Profile>(new TimeoutException("database down")) : ValueTask.FromResult(new Profile("fresh", calls));
        }

        Assert.Equal(1, (await store.GetOrCreateAsync("k", 0, Factory, TenSeconds)).Visits);
        time.Advance(TimeSpan.FromSeconds(11));
        fail = true;

        var stale = await store.GetOrCreateAsync("k", 0, Factory, TenSeconds);
        Assert.Equal(("fresh", 1, 2), (stale.Name, stale.Visits, calls));
        Assert.True(log.Has(1101));

        // Within the throttle the stale value is served as fresh: the failing backend is not asked again.
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, (await store.GetOrCreateAsync("k", 0, Factory, TenSeconds)).Visits);
        Assert.Equal(2, calls);

        // After the throttle it is tried again, and when it recovers its value replaces the stale one.
        time.Advance(TimeSpan.FromSeconds(11));
        fail = false;
        Assert.Equal(3, (await store.GetOrCreateAsync("k", 0, Factory, TenSeconds)).Visits);
    }

    [Fact]
    public async Task Past_the_fail_safe_duration_or_with_fail_safe_off_the_failure_reaches_the_caller()
    {
        var time = new ManualTime();
        var store = LocalStores.Create(configure: o => o.FailSafeMaxDuration = TimeSpan.FromMinutes(1), time: time);
        await store.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(new Profile("v", 1)), TenSeconds);
        time.Advance(TimeSpan.FromSeconds(10) + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutException>(async () => await store.GetOrCreateAsync<int, Profile>("k", 0, static (_, _) => throw new TimeoutException(), TenSeconds));

        var off = LocalStores.Create(configure: o => o.FailSafeMaxDuration = TimeSpan.Zero, time: time);
        await off.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(new Profile("v", 1)), TenSeconds);
        time.Advance(TimeSpan.FromSeconds(11));
        await Assert.ThrowsAsync<TimeoutException>(async () => await off.GetOrCreateAsync<int, Profile>("k", 0, static (_, _) => throw new TimeoutException(), TenSeconds));
    }

    [Fact]
    public async Task A_slow_factory_past_its_soft_timeout_gets_the_stale_value_and_updates_the_cache_when_it_ends()
    {
        var time = new ManualTime();
        var log = new RecordingLogger();
        var store = LocalStores.Create(configure: o => o.FactorySoftTimeout = TimeSpan.FromMilliseconds(50), time: time, log: log);
        await store.GetOrCreateAsync("slow", 0, static (_, _) => ValueTask.FromResult(new Profile("old", 1)), TenSeconds);
        time.Advance(TimeSpan.FromSeconds(11));

        var release = new TaskCompletionSource();
        var served = await store.GetOrCreateAsync("slow", 0, async (_, _) =>
        {
            await release.Task;
            return new Profile("new", 2);
        }, TenSeconds).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("old", served.Name);
        Assert.True(log.Has(1102));

        release.SetResult();
        await Eventually.TrueAsync(() => store.TryGetValue<Profile>("slow", out var now) && now.Name == "new", "the background factory stores its value");
    }

    [Fact]
    public async Task A_node_with_nothing_in_process_falls_back_to_the_stale_value_in_l2()
    {
        var time = new ManualTime();
        var instance = $"failsafe:{Guid.NewGuid():N}:";
        await using var l2 = new RedisDistributedCache(Options.Create(new RedisCacheOptions { ConnectionString = redis.Server.ConnectionString, InstanceName = instance }));
        var writer = LocalStores.Create(l2, time: time);
        await writer.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(new Profile("from l2", 1)), TenSeconds);

        // Ten seconds later (by the entries' own clock; Redis keeps them for expiration + fail-safe).
        time.Advance(TimeSpan.FromSeconds(11));
        var reader = LocalStores.Create(l2, time: time);
        var served = await reader.GetOrCreateAsync<int, Profile>("k", 0, static (_, _) => throw new TimeoutException(), TenSeconds);
        Assert.Equal("from l2", served.Name);
    }

    [Fact]
    public async Task A_factory_cancelled_by_every_caller_does_not_count_as_a_failure()
    {
        var time = new ManualTime();
        var store = LocalStores.Create(time: time);
        await store.GetOrCreateAsync("c", 0, static (_, _) => ValueTask.FromResult(new Profile("old", 1)), TenSeconds);
        time.Advance(TimeSpan.FromSeconds(11));
        using var cancel = new CancellationTokenSource();
        var call = store.GetOrCreateAsync("c", 0, static async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new Profile("never", 0);
        }, TenSeconds, cancellationToken: cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // Had fail-safe taken the cancellation for a failure, the stale value would now be served as fresh.
        await Task.Delay(100);
        Assert.False(store.TryGetValue<Profile>("c", out _));
        Assert.Equal("new", (await store.GetOrCreateAsync("c", 0, static (_, _) => ValueTask.FromResult(new Profile("new", 2)), TenSeconds)).Name);
    }
}
