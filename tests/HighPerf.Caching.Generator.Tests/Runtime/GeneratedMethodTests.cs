using HighPerf.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace HighPerf.Caching.Generator.Tests.Runtime;

/// <summary>Generated methods on a real two-level store (L1 alone: no L2 configured).</summary>
public sealed class GeneratedMethodTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddHighPerfCaching(o => o.AddJsonTypeInfoResolver(RuntimeJson.Default))
        .BuildServiceProvider();

    private ICacheStore Store => _services.GetRequiredService<ICacheStore>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_second_call_is_served_from_the_cache_without_the_implementation()
    {
        var service = new ProductService(Store);
        var first = await service.GetAsync(1, "eu", "r1", CancellationToken.None);
        var second = await service.GetAsync(1, "eu", "r1", CancellationToken.None);
        Assert.Equal(1, service.Calls);
        Assert.Same(first, second);
        Assert.Equal(new Product(1, "r1", "eu"), first);
    }

    [Fact]
    public async Task Keys_differ_by_each_key_argument_and_ignore_NotCacheKey_and_tokens()
    {
        var service = new ProductService(Store);
        using var cancellation = new CancellationTokenSource();
        var original = await service.GetAsync(1, "eu", "r1", cancellation.Token);
        Assert.Equal(1, service.Calls);
        Assert.NotEqual(cancellation.Token, service.LastFactoryToken);

        await service.GetAsync(2, "eu", "r1", CancellationToken.None);
        Assert.Equal(2, service.Calls);
        await service.GetAsync(1, "us", "r1", CancellationToken.None);
        Assert.Equal(3, service.Calls);

        // Only the key-less request id or the token differs: the first call's entry is returned.
        Assert.Same(original, await service.GetAsync(1, "eu", "r2", CancellationToken.None));
        Assert.Same(original, await service.GetAsync(1, "eu", "r1", new CancellationTokenSource().Token));
        Assert.Equal(3, service.Calls);
    }

    [Fact]
    public async Task Methods_with_equal_arguments_do_not_share_entries()
    {
        var service = new ProductService(Store);
        var fromTask = await service.GetTaskAsync(7, CancellationToken.None);
        var fromSync = service.Get(7);
        Assert.Equal("task", fromTask.Label);
        Assert.Equal("sync", fromSync.Label);
        Assert.Equal(2, service.Calls);
    }

    [Fact]
    public async Task Removing_a_tag_invalidates_exactly_the_entries_that_carry_it()
    {
        var service = new ProductService(Store);
        await service.GetAsync(1, "eu", "r", CancellationToken.None);
        await service.GetAsync(2, "eu", "r", CancellationToken.None);
        await service.GetAsync(3, "us", "r", CancellationToken.None);
        Assert.Equal(3, service.Calls);

        await Store.RemoveByTagAsync("product:1");
        await service.GetAsync(1, "eu", "r", CancellationToken.None);
        await service.GetAsync(2, "eu", "r", CancellationToken.None);
        Assert.Equal(4, service.Calls);

        await Store.RemoveByTagAsync("region:eu");
        await service.GetAsync(1, "eu", "r", CancellationToken.None);
        await service.GetAsync(2, "eu", "r", CancellationToken.None);
        await service.GetAsync(3, "us", "r", CancellationToken.None);
        Assert.Equal(6, service.Calls);
    }

    [Fact]
    public async Task The_Task_shape_caches_a_synchronous_implementation()
    {
        var service = new ProductService(Store);
        var first = await service.GetTaskAsync(5, CancellationToken.None);
        var second = await service.GetTaskAsync(5, CancellationToken.None);
        Assert.Same(first, second);
        Assert.Equal(1, service.Calls);
        await Store.RemoveByTagAsync("product:5");
        await service.GetTaskAsync(5, CancellationToken.None);
        Assert.Equal(2, service.Calls);
    }

    [Fact]
    public void The_synchronous_shape_blocks_on_a_miss_and_returns_hits_directly()
    {
        var service = new ProductService(Store);
        var first = service.Get(9);
        var second = service.Get(9);
        Assert.Equal(new Product(9, "sync", "-"), first);
        Assert.Same(first, second);
        Assert.Equal(1, service.Calls);
    }

    [Fact]
    public async Task Sequences_enums_and_nullables_are_keyed_by_value()
    {
        var service = new ProductService(Store);
        var owner = Guid.NewGuid();
        Assert.Equal(2, await service.CountAsync([1, 2], Tier.Free, owner));
        Assert.Equal(2, await service.CountAsync([1, 2], Tier.Free, owner));
        Assert.Equal(1, service.Calls);

        await service.CountAsync([2, 1], Tier.Free, owner);
        await service.CountAsync([1, 2], Tier.Paid, owner);
        await service.CountAsync([1, 2], Tier.Free, null);
        await service.CountAsync([1, 2], Tier.Free, Guid.NewGuid());
        Assert.Equal(5, service.Calls);

        Assert.Equal(-1, await service.CountAsync(null, Tier.Free, null));
        Assert.Equal(0, await service.CountAsync([], Tier.Free, null));
        Assert.Equal(7, service.Calls);
    }

    [Fact]
    public void Each_instantiation_of_a_generic_type_has_its_own_keys()
    {
        var store = Store;
        Assert.Equal("Int32:1", new TypeNamer<int>(store).Describe(1));
        Assert.Equal("Int64:1", new TypeNamer<long>(store).Describe(1));
        Assert.Equal("Int32:1", new TypeNamer<int>(store).Describe(1));
    }

    [Fact]
    public async Task An_L1_hit_of_the_ValueTask_shape_allocates_nothing()
    {
        var service = new ProductService(Store);
        await service.GetAsync(1, "eu", "r", CancellationToken.None);
        for (var i = 0; i < 100; i++)
        {
            _ = Hit(service);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            _ = Hit(service);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, service.Calls);

        // Not an async method: awaiting would add a state machine of the test's own.
        static Product Hit(ProductService service)
        {
            var pending = service.GetAsync(1, "eu", "r", CancellationToken.None);
            Assert.True(pending.IsCompletedSuccessfully);
            return pending.Result;
        }
    }
}
