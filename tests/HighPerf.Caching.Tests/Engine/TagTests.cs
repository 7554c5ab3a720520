namespace HighPerf.Caching.Tests.Engine;

public sealed class TagTests
{
    [Fact]
    public async Task Removing_a_tag_drops_exactly_the_entries_that_carry_it()
    {
        var store = LocalStores.Create();
        await store.SetAsync("a", new Profile("a", 1), tags: ["user:1", "team:9"]);
        await store.SetAsync("b", new Profile("b", 2), tags: ["user:2", "team:9"]);
        await store.SetAsync("c", new Profile("c", 3));

        await store.RemoveByTagAsync("user:1");
        Assert.False(store.TryGetValue<Profile>("a", out _));
        Assert.True(store.TryGetValue<Profile>("b", out _));
        Assert.True(store.TryGetValue<Profile>("c", out _));

        await store.RemoveByTagAsync("team:9");
        Assert.False(store.TryGetValue<Profile>("b", out _));
        Assert.True(store.TryGetValue<Profile>("c", out _));

        await store.RemoveByTagAsync("*");
        Assert.False(store.TryGetValue<Profile>("c", out _));
        Assert.Equal(0, store.L1.Count);
        Assert.Equal(0, store.L1.Bytes);
    }

    [Fact]
    public async Task Entries_created_after_an_invalidation_are_kept()
    {
        var time = new ManualTime();
        var store = LocalStores.Create(time: time);
        await store.RemoveByTagAsync("user:1");
        time.Advance(TimeSpan.FromMilliseconds(5));
        await store.SetAsync("a", new Profile("a", 1), tags: ["user:1"]);
        Assert.True(store.TryGetValue<Profile>("a", out _));
    }

    [Fact]
    public async Task Bad_tags_are_refused()
    {
        var store = LocalStores.Create();
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RemoveByTagAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync("k", 1, tags: [""]));
    }
}
