using System.Buffers;
using HighPerf.Caching.Distributed;
using HighPerf.Caching.Redis;
using HighPerf.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Tests.Distributed;

[Collection(RedisFixture.CollectionName)]
public sealed class RedisDistributedCacheTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = $"dc:{Guid.NewGuid():N}:";
    private RedisDistributedCache _cache = null!;
    private RedisClient _raw = null!;

    public async Task InitializeAsync()
    {
        _cache = new RedisDistributedCache(Options.Create(new RedisCacheOptions { ConnectionString = redis.Server.ConnectionString, InstanceName = _prefix }));
        _raw = await RedisClient.ConnectAsync(redis.Server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _cache.DisposeAsync();
        await _raw.DisposeAsync();
    }

    [Fact]
    public async Task Set_get_refresh_remove_through_IDistributedCache()
    {
        IDistributedCache cache = _cache;
        Assert.Null(await cache.GetAsync("k"));
        await cache.SetAsync("k", "value"u8.ToArray(), new DistributedCacheEntryOptions());
        Assert.Equal("value"u8.ToArray(), await cache.GetAsync("k"));
        Assert.Equal("value"u8.ToArray(), cache.Get("k"));
        await cache.RefreshAsync("k");
        await cache.RemoveAsync("k");
        Assert.Null(await cache.GetAsync("k"));

        cache.Set("sync", [1, 2, 3], new DistributedCacheEntryOptions());
        Assert.Equal(new byte[] { 1, 2, 3 }, cache.Get("sync"));
        cache.Remove("sync");
        Assert.Null(cache.Get("sync"));
    }

    [Fact]
    public async Task Buffers_in_and_out_through_IBufferDistributedCache()
    {
        IBufferDistributedCache cache = _cache;
        var value = new byte[10_000];
        new Random(3).NextBytes(value);
        await cache.SetAsync("b", Segments.Of(value[..3000], value[3000..]), new DistributedCacheEntryOptions());

        var writer = new ArrayBufferWriter<byte>();
        Assert.True(await cache.TryGetAsync("b", writer));
        Assert.Equal(value, writer.WrittenSpan.ToArray());
        Assert.False(await cache.TryGetAsync("missing", new ArrayBufferWriter<byte>()));
        Assert.True(cache.TryGet("b", new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public async Task Values_are_stored_under_the_instance_name_with_a_one_byte_header()
    {
        await _cache.SetAsync("plain", "abc"u8.ToArray(), new DistributedCacheEntryOptions());
        var raw = await _raw.GetAsync(_prefix + "plain");
        Assert.Equal(new byte[] { CacheEntryHeader.Plain, (byte)'a', (byte)'b', (byte)'c' }, raw);
    }

    [Fact]
    public async Task Absolute_expiration_becomes_the_redis_ttl()
    {
        await _cache.SetAsync("abs", "x"u8.ToArray(), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30) });
        Assert.InRange((await _raw.GetTimeToLiveAsync(_prefix + "abs"))!.Value, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30));

        await _cache.SetAsync("short", "x"u8.ToArray(), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(200) });
        await Task.Delay(400);
        Assert.Null(await _cache.GetAsync("short"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _cache.SetAsync("past", "x"u8.ToArray(), new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) }));
    }

    [Fact]
    public async Task Reads_extend_sliding_entries_but_not_past_their_absolute_expiry()
    {
        await _cache.SetAsync("slide", "x"u8.ToArray(), new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(20) });
        await _raw.ExpireAsync(_prefix + "slide", TimeSpan.FromSeconds(2));
        Assert.NotNull(await _cache.GetAsync("slide"));
        Assert.InRange((await _raw.GetTimeToLiveAsync(_prefix + "slide"))!.Value, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(20));

        await _raw.ExpireAsync(_prefix + "slide", TimeSpan.FromSeconds(2));
        await _cache.RefreshAsync("slide");
        Assert.InRange((await _raw.GetTimeToLiveAsync(_prefix + "slide"))!.Value, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(20));

        await _cache.SetAsync("capped", "x"u8.ToArray(), new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromSeconds(60),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10),
        });
        Assert.NotNull(await _cache.GetAsync("capped"));
        Assert.InRange((await _raw.GetTimeToLiveAsync(_prefix + "capped"))!.Value, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));

        var header = await _raw.GetAsync(_prefix + "capped");
        Assert.Equal(CacheEntryHeader.Sliding, header![0]);
    }

    [Fact]
    public async Task AddHighPerfRedis_reads_the_connection_string_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HighPerf:Cache:Redis"] = redis.Server.ConnectionString,
            ["HighPerf:Cache:InstanceName"] = _prefix + "di:",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddHighPerfRedis();
        await using var provider = services.BuildServiceProvider();

        var cache = provider.GetRequiredService<IDistributedCache>();
        Assert.IsType<RedisDistributedCache>(cache);
        Assert.Same(cache, provider.GetRequiredService<IBufferDistributedCache>());
        await cache.SetAsync("k", "v"u8.ToArray());
        Assert.Equal("v"u8.ToArray(), await cache.GetAsync("k"));
        Assert.NotNull(await _raw.GetAsync(_prefix + "di:k"));
    }

    [Fact]
    public void Without_a_connection_string_the_error_says_where_to_put_one()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHighPerfRedis();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => { provider.GetRequiredService<IDistributedCache>(); });
        Assert.Contains("HighPerf:Cache:Redis", ex.Message, StringComparison.Ordinal);
    }
}
