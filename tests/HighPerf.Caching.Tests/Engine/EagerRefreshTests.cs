namespace HighPerf.Caching.Tests.Engine;

public sealed class EagerRefreshTests
{
    [Fact]
    public async Task A_hit_past_the_threshold_returns_the_current_value_and_refreshes_it_in_the_background()
    {
        var time = new ManualTime();
        var store = LocalStores.Create(time: time);
        var options = new CacheEntryOptions { Expiration = TimeSpan.FromSeconds(10), LocalExpiration = TimeSpan.FromSeconds(10), EagerRefreshThreshold = 0.5 };
        var calls = 0;
        var release = new TaskCompletionSource();
        async ValueTask<Profile> Factory(int _, CancellationToken __)
        {
            var n = Interlocked.Increment(ref calls);
            if (n > 1)
            {
                await release.Task;
            }

            return new Profile("v", n);
        }

        Assert.Equal(1, (await store.GetOrCreateAsync("r", 0, Factory, options)).Visits);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(store.TryGetValue<Profile>("r", out _));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(store.TryGetValue<Profile>("r", out _), "the fast path leaves refreshes to GetOrCreateAsync");
        var during = store.GetOrCreateAsync("r", 0, Factory, options);
        Assert.True(during.IsCompletedSuccessfully, "the current value is returned at once");
        Assert.Equal(1, (await during).Visits);

        // Only one refresh runs, however many hits see the entry due.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, (await store.GetOrCreateAsync("r", 0, Factory, options)).Visits);
        }

        release.SetResult();
        await Eventually.TrueAsync(() => store.TryGetValue<Profile>("r", out var refreshed) && refreshed.Visits == 2, "the refresh stores its value");
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_current_value()
    {
        var time = new ManualTime();
        var log = new RecordingLogger();
        var store = LocalStores.Create(configure: o => o.EagerRefreshThreshold = 0.5, time: time, log: log);
        var options = new CacheEntryOptions { Expiration = TimeSpan.FromSeconds(10), LocalExpiration = TimeSpan.FromSeconds(10) };
        await store.GetOrCreateAsync("f", 0, static (_, _) => ValueTask.FromResult(new Profile("kept", 1)), options);
        time.Advance(TimeSpan.FromSeconds(6));

        var value = await store.GetOrCreateAsync<int, Profile>("f", 0, static (_, _) => throw new InvalidOperationException("refresh fails"), options);
        Assert.Equal("kept", value.Name);
        await Eventually.TrueAsync(() => log.Has(1106), "the failed refresh is logged");
        Assert.Equal("kept", (await store.GetOrCreateAsync<int, Profile>("f", 0, static (_, _) => throw new InvalidOperationException(), options)).Name);
    }
}
