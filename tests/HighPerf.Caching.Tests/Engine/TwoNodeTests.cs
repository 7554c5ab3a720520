namespace HighPerf.Caching.Tests.Engine;

/// <summary>Two store instances on one redis-server, standing for two nodes: each sees the other's changes.</summary>
[Collection(RedisFixture.CollectionName)]
public sealed class TwoNodeTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _instance = $"nodes:{Guid.NewGuid():N}:";
    private CacheNode _a = null!;
    private CacheNode _b = null!;

    public async Task InitializeAsync()
    {
        _a = await CacheNode.StartAsync(redis.Server.ConnectionString, _instance);
        _b = await CacheNode.StartAsync(redis.Server.ConnectionString, _instance);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private static ValueTask<Profile> Make(string name) => ValueTask.FromResult(new Profile(name, 1));

    [Fact]
    public async Task A_set_on_one_node_evicts_the_other_nodes_local_copy()
    {
        await _a.Store.GetOrCreateAsync("k", "old", static (n, _) => Make(n));
        Assert.Equal("old", (await _b.Store.GetOrCreateAsync<string, Profile>("k", "unused", static (_, _) => throw new InvalidOperationException("from L2"))).Name);
        Assert.True(_b.Store.TryGetValue<Profile>("k", out _));

        await _a.Store.SetAsync("k", new Profile("new", 2));
        await Eventually.TrueAsync(() => !_b.Store.TryGetValue<Profile>("k", out _), "B drops its copy");
        Assert.Equal("new", (await _b.Store.GetOrCreateAsync<string, Profile>("k", "unused", static (_, _) => throw new InvalidOperationException("from L2"))).Name);
    }

    [Fact]
    public async Task A_removal_on_one_node_reaches_the_other()
    {
        await _a.Store.GetOrCreateAsync("gone", "v1", static (n, _) => Make(n));
        await _b.Store.GetOrCreateAsync("gone", "unused", static (n, _) => Make(n));
        Assert.True(_b.Store.TryGetValue<Profile>("gone", out _));

        await _a.Store.RemoveAsync("gone");
        await Eventually.TrueAsync(() => !_b.Store.TryGetValue<Profile>("gone", out _), "B drops the removed key");
        Assert.Equal("v2", (await _b.Store.GetOrCreateAsync("gone", "v2", static (n, _) => Make(n))).Name);
    }

    [Fact]
    public async Task An_invalidation_by_tag_reaches_every_node_and_the_distributed_level()
    {
        string[] user7 = ["user:7"];
        string[] user8 = ["user:8"];
        await _a.Store.GetOrCreateAsync("profile:7", "seven", static (n, _) => Make(n), tags: user7);
        await _a.Store.GetOrCreateAsync("profile:8", "eight", static (n, _) => Make(n), tags: user8);
        await _b.Store.GetOrCreateAsync("profile:7", "unused", static (n, _) => Make(n), tags: user7);
        Assert.True(_b.Store.TryGetValue<Profile>("profile:7", out _));

        await _a.Store.RemoveByTagAsync("user:7");
        Assert.False(_a.Store.TryGetValue<Profile>("profile:7", out _));
        Assert.True(_a.Store.TryGetValue<Profile>("profile:8", out _));
        await Eventually.TrueAsync(() => !_b.Store.TryGetValue<Profile>("profile:7", out _), "B drops the tagged entry");

        // The entry is still in Redis, but every node treats it as gone, a node that started after the
        // invalidation too (it learns the tag's time from L2, not from a message it never got).
        Assert.NotNull(await _a.L2.GetAsync("profile:7"));
        await using var late = await CacheNode.StartAsync(redis.Server.ConnectionString, _instance);
        var calls = 0;
        var fresh = await late.Store.GetOrCreateAsync("profile:7", "recomputed", (n, _) =>
        {
            calls++;
            return Make(n);
        }, tags: user7);
        Assert.Equal(("recomputed", 1), (fresh.Name, calls));
        Assert.Equal("eight", (await late.Store.GetOrCreateAsync<string, Profile>("profile:8", "unused", static (_, _) => throw new InvalidOperationException("from L2"), tags: user8)).Name);
    }

    [Fact]
    public async Task The_wildcard_tag_invalidates_everything_everywhere()
    {
        await _a.Store.GetOrCreateAsync("w1", "one", static (n, _) => Make(n));
        await _b.Store.GetOrCreateAsync("w2", "two", static (n, _) => Make(n), tags: ["t"]);

        await _b.Store.RemoveByTagAsync("*");
        await Eventually.TrueAsync(() => !_a.Store.TryGetValue<Profile>("w1", out _), "A clears its L1");
        Assert.Equal("again", (await _a.Store.GetOrCreateAsync("w1", "again", static (n, _) => Make(n))).Name);
        Assert.Equal("again2", (await _a.Store.GetOrCreateAsync("w2", "again2", static (n, _) => Make(n))).Name);
    }

    [Fact]
    public async Task A_value_computed_before_its_tag_was_invalidated_is_returned_but_not_kept()
    {
        // A tagged marker in A's L1 shows when A has received the invalidation.
        await _a.Store.SetAsync("race:marker", new Profile("marker", 0), tags: ["race"]);
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var slow = _a.Store.GetOrCreateAsync("race", 0, async (_, _) =>
        {
            started.SetResult();
            await release.Task;
            return new Profile("stale", 0);
        }, tags: ["race"]).AsTask();
        await started.Task;
        await Task.Delay(5);
        await _b.Store.RemoveByTagAsync("race");
        await Eventually.TrueAsync(() => !_a.Store.TryGetValue<Profile>("race:marker", out _), "A receives the invalidation");
        release.SetResult();

        Assert.Equal("stale", (await slow).Name);
        Assert.False(_a.Store.TryGetValue<Profile>("race", out _));
        Assert.Null(await _a.L2.GetAsync("race"));
    }
}
