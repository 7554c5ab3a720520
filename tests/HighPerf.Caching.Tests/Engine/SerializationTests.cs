using System.Buffers.Binary;
using System.Runtime.InteropServices;
using HighPerf.Caching.Distributed;
using HighPerf.Caching.Redis;
using HighPerf.Compression;
using Microsoft.Extensions.Options;

namespace HighPerf.Caching.Tests.Engine;

/// <summary>What the store puts in Redis: raw bytes for unmanaged arrays, zstd past the threshold, and reading it all back on another node.</summary>
[Collection(RedisFixture.CollectionName)]
public sealed class SerializationTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _instance = $"ser:{Guid.NewGuid():N}:";
    private RedisDistributedCache _l2 = null!;
    private RedisClient _raw = null!;

    public async Task InitializeAsync()
    {
        _l2 = new RedisDistributedCache(Options.Create(new RedisCacheOptions { ConnectionString = redis.Server.ConnectionString, InstanceName = _instance }));
        _raw = await RedisClient.ConnectAsync(redis.Server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _l2.DisposeAsync();
        await _raw.DisposeAsync();
    }

    /// <summary>The envelope as stored: past RedisDistributedCache's one-byte header.</summary>
    private async Task<(byte Flags, int HeaderLength, byte[] Payload)> StoredAsync(string key)
    {
        var bytes = (await _raw.GetAsync(_instance + key))!;
        var envelope = bytes.AsSpan(1);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(envelope[2..]);
        return (envelope[1], headerLength, envelope[headerLength..].ToArray());
    }

    [Fact]
    public async Task Arrays_of_primitives_are_stored_as_their_own_bytes_and_read_back_on_another_node()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i * 7919).ToArray();
        await LocalStores.Create(_l2).SetAsync("ints", values);

        var (flags, _, payload) = await StoredAsync("ints");
        Assert.Equal(0, flags);
        Assert.Equal(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), payload);

        var other = LocalStores.Create(_l2);
        Assert.Equal(values, await other.GetOrCreateAsync<int, int[]>("ints", 0, static (_, _) => throw new InvalidOperationException("from L2")));

        double[] doubles = [1.5, double.NaN, -0.0, double.MaxValue];
        await LocalStores.Create(_l2).SetAsync("doubles", doubles);
        Assert.Equal(doubles, await LocalStores.Create(_l2).GetOrCreateAsync<int, double[]>("doubles", 0, static (_, _) => throw new InvalidOperationException()));
    }

    [Fact]
    public async Task Arrays_of_your_own_unmanaged_structs_are_raw_once_registered()
    {
        Point[] points = [new(1, 2.5), new(-3, 4.25)];
        await LocalStores.Create(_l2, o => o.AddUnmanagedArray<Point>()).SetAsync("points", points);
        Assert.Equal(MemoryMarshal.AsBytes(points.AsSpan()).ToArray(), (await StoredAsync("points")).Payload);
        var back = await LocalStores.Create(_l2, o => o.AddUnmanagedArray<Point>()).GetOrCreateAsync<int, Point[]>("points", 0, static (_, _) => throw new InvalidOperationException());
        Assert.Equal(points, back);

        var unregistered = await Assert.ThrowsAsync<InvalidOperationException>(async () => await LocalStores.Create(_l2).SetAsync("p2", points));
        Assert.Contains("AddUnmanagedArray", unregistered.Message, StringComparison.Ordinal);

        // A single struct that no JSON context knows is raw too.
        await LocalStores.Create(_l2).SetAsync("one", new Point(9, 9.5));
        Assert.Equal(new Point(9, 9.5), await LocalStores.Create(_l2).GetOrCreateAsync<int, Point>("one", 0, static (_, _) => throw new InvalidOperationException()));
    }

    [Fact]
    public async Task Values_past_the_threshold_are_zstd_frames_in_redis_and_decode_on_another_node()
    {
        var text = string.Concat(Enumerable.Repeat("a fairly repetitive sentence for the compressor; ", 4000));
        await LocalStores.Create(_l2, o => o.CompressionThreshold = 1024).SetAsync("big", text);
        var (flags, _, payload) = await StoredAsync("big");
        Assert.Equal(1, flags & 1);
        Assert.True(payload.Length < text.Length / 10, $"{payload.Length} bytes stored for {text.Length} characters");
        Assert.Equal('"' + text + '"', System.Text.Encoding.UTF8.GetString(Zstd.Decompress(payload)));
        Assert.Equal(text, await LocalStores.Create(_l2).GetOrCreateAsync<int, string>("big", 0, static (_, _) => throw new InvalidOperationException()));

        var zeros = new long[100_000];
        zeros[^1] = 42;
        await LocalStores.Create(_l2, o => o.CompressionThreshold = 1024).SetAsync("zeros", zeros);
        Assert.Equal(1, (await StoredAsync("zeros")).Flags & 1);
        Assert.Equal(zeros, await LocalStores.Create(_l2).GetOrCreateAsync<int, long[]>("zeros", 0, static (_, _) => throw new InvalidOperationException()));

        // Below the threshold, or incompressible, values stay as they are.
        await LocalStores.Create(_l2, o => o.CompressionThreshold = 0).SetAsync("plain", text);
        Assert.Equal(0, (await StoredAsync("plain")).Flags & 1);
        var noise = new byte[50_000];
        new Random(1).NextBytes(noise);
        await LocalStores.Create(_l2, o => o.CompressionThreshold = 1024).SetAsync("noise", noise);
        Assert.Equal(0, (await StoredAsync("noise")).Flags & 1);
        Assert.Equal(noise, (await StoredAsync("noise")).Payload);
    }

    [Fact]
    public async Task A_value_this_store_did_not_write_is_a_logged_miss()
    {
        await _l2.SetAsync("foreign", [1, 2, 3, 4, 5], new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions());
        var log = new RecordingLogger();
        var store = LocalStores.Create(_l2, log: log);
        Assert.Equal("recomputed", (await store.GetOrCreateAsync("foreign", 0, static (_, _) => ValueTask.FromResult(new Profile("recomputed", 0)))).Name);
        Assert.True(log.Has(1105));
    }

    [Fact]
    public async Task Values_too_large_for_l1_live_in_l2_only()
    {
        var store = LocalStores.Create(_l2, o => o.MaximumL1EntryBytes = 100);
        await store.SetAsync("large", new byte[1000]);
        Assert.False(store.TryGetValue<byte[]>("large", out _));
        Assert.Equal(1000, (await store.GetOrCreateAsync<int, byte[]>("large", 0, static (_, _) => throw new InvalidOperationException())).Length);
    }

    private readonly record struct Point(int X, double Y);
}
