using System.Buffers;
using System.Diagnostics;
using HighPerf.Caching.Distributed;
using HighPerf.Caching.Engine;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>An L2 that stops answering: the store gives up on it at its timeout and the caller never notices.</summary>
[Collection(RedisFixture.CollectionName)]
public sealed class L2TimeoutTests(RedisFixture redis)
{
    [Fact]
    public async Task A_hung_distributed_cache_is_a_logged_miss_after_the_timeout()
    {
        await using var real = new RedisDistributedCache(Options.Create(new RedisCacheOptions { ConnectionString = redis.Server.ConnectionString, InstanceName = $"hung:{Guid.NewGuid():N}:" }));
        var hung = new HangingL2(real);
        var log = new RecordingLogger();
        var store = LocalStores.Create(hung, o => o.DistributedCacheTimeout = TimeSpan.FromMilliseconds(200), log: log);

        hung.Hang = true;
        var watch = Stopwatch.StartNew();
        var value = await store.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(new Profile("from the factory", 1)));
        Assert.Equal("from the factory", value.Name);
        Assert.InRange(watch.ElapsedMilliseconds, 150, 5_000);
        Assert.True(log.Has(1103), "the timed-out read is logged");
        Assert.True(log.Has(1104), "the timed-out write is logged");

        // Once it answers again, the store uses it again.
        hung.Hang = false;
        await store.SetAsync("k2", new Profile("stored", 2));
        Assert.NotNull(await real.GetAsync("k2"));
    }

    [Fact]
    public async Task Leases_end_at_their_deadline_or_with_their_caller_and_pooled_ones_start_fresh()
    {
        using var timeouts = new L2Timeouts(TimeSpan.FromMilliseconds(100));
        using (var lease = timeouts.Start(CancellationToken.None))
        {
            await Task.Delay(Timeout.Infinite, lease.Token).ContinueWith(static _ => { });
            Assert.True(lease.Token.IsCancellationRequested);
        }

        using var caller = new CancellationTokenSource();
        using (var lease = timeouts.Start(caller.Token))
        {
            await caller.CancelAsync();
            Assert.True(lease.Token.IsCancellationRequested);
        }

        for (var i = 0; i < 100; i++)
        {
            using var lease = timeouts.Start(CancellationToken.None);
            Assert.False(lease.Token.IsCancellationRequested);
        }
    }

    /// <summary>Wraps the real cache; while <see cref="Hang"/> is set every call waits until cancelled.</summary>
    private sealed class HangingL2(IBufferDistributedCache inner) : IBufferDistributedCache
    {
        public volatile bool Hang;

        public byte[]? Get(string key) => inner.Get(key);

        public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            await WaitWhileHungAsync(token);
            return await inner.GetAsync(key, token);
        }

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public async Task RemoveAsync(string key, CancellationToken token = default)
        {
            await WaitWhileHungAsync(token);
            await inner.RemoveAsync(key, token);
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await WaitWhileHungAsync(token);
            await inner.SetAsync(key, value, options, token);
        }

        public bool TryGet(string key, IBufferWriter<byte> destination) => inner.TryGet(key, destination);

        public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
        {
            await WaitWhileHungAsync(token);
            return await inner.TryGetAsync(key, destination, token);
        }

        public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

        public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await WaitWhileHungAsync(token);
            await inner.SetAsync(key, value, options, token);
        }

        private Task WaitWhileHungAsync(CancellationToken token) => Hang ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask;
    }
}
