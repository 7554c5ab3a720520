using System.Buffers;
using System.Text;
using HighPerf.Caching.Redis;
using HighPerf.Testing;

namespace HighPerf.Caching.Tests.Redis;

[Collection(RedisFixture.CollectionName)]
public sealed class RedisCommandTests(RedisFixture redis) : IAsyncLifetime
{
    private RedisClient _client = null!;

    private static string Key(string name) => $"cmd:{Guid.NewGuid():N}:{name}";

    public async Task InitializeAsync() => _client = await RedisClient.ConnectAsync(redis.Server.ConnectionString);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Get_and_set_with_every_option()
    {
        var key = Key("s");
        Assert.Null(await _client.GetAsync(key));
        Assert.True(await _client.SetAsync(key, "one"u8.ToArray()));
        Assert.Equal("one"u8.ToArray(), await _client.GetAsync(key));

        Assert.False(await _client.SetAsync(key, "two"u8.ToArray(), condition: RedisSetCondition.NotExists));
        Assert.True(await _client.SetAsync(key, "two"u8.ToArray(), condition: RedisSetCondition.Exists));
        Assert.False(await _client.SetAsync(Key("absent"), "x"u8.ToArray(), condition: RedisSetCondition.Exists));

        Assert.True(await _client.SetAsync(key, "three"u8.ToArray(), TimeSpan.FromSeconds(100)));
        Assert.InRange((await _client.GetTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(98), TimeSpan.FromSeconds(100));
        Assert.True(await _client.SetAsync(key, "four"u8.ToArray(), keepTtl: true));
        Assert.InRange((await _client.GetTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(98), TimeSpan.FromSeconds(100));
        Assert.True(await _client.SetAsync(key, "five"u8.ToArray(), TimeSpan.FromMilliseconds(1500)));
        Assert.InRange((await _client.GetTimeToLiveAsync(key))!.Value, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1500));

        var writer = new ArrayBufferWriter<byte>();
        Assert.True(await _client.GetAsync(key, writer));
        Assert.Equal("five"u8.ToArray(), writer.WrittenSpan.ToArray());
        Assert.False(await _client.GetAsync(Key("none"), writer));
    }

    [Fact]
    public async Task Set_from_a_multi_segment_sequence()
    {
        var key = Key("seq");
        await _client.SetAsync(key, Segments.Of("hello, "u8.ToArray(), "segmented "u8.ToArray(), "world"u8.ToArray()));
        Assert.Equal("hello, segmented world", Encoding.UTF8.GetString((await _client.GetAsync(key))!));
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(64 << 20)]
    public async Task Large_values_round_trip(int size)
    {
        var key = Key("big");
        var value = new byte[size];
        new Random(size).NextBytes(value);
        await _client.SetAsync(key, value);
        var back = await _client.GetAsync(key);
        Assert.True(value.AsSpan().SequenceEqual(back));
        await _client.DeleteAsync(key);
    }

    [Fact]
    public async Task Mget_mset_del_unlink_exists()
    {
        string[] keys = [Key("a"), Key("b"), Key("c")];
        await _client.SetManyAsync([new(keys[0], "1"u8.ToArray()), new(keys[1], "2"u8.ToArray())]);
        var values = await _client.GetManyAsync(keys);
        Assert.Equal("1"u8.ToArray(), values[0]);
        Assert.Equal("2"u8.ToArray(), values[1]);
        Assert.Null(values[2]);

        Assert.Equal(2, await _client.ExistsAsync(keys));
        Assert.Equal(1, await _client.DeleteAsync(keys[0]));
        Assert.Equal(1, await _client.UnlinkAsync([keys[1], keys[2]]));
        Assert.Equal(0, await _client.ExistsAsync(keys));
        Assert.Equal(0, await _client.DeleteAsync(keys));
    }

    [Fact]
    public async Task Expire_pexpire_pttl_incr()
    {
        var key = Key("n");
        Assert.Null(await _client.GetTimeToLiveAsync(key));
        Assert.False(await _client.ExpireAsync(key, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, await _client.IncrementAsync(key));
        Assert.Equal(2, await _client.IncrementAsync(key));
        Assert.Equal(Timeout.InfiniteTimeSpan, await _client.GetTimeToLiveAsync(key));
        Assert.True(await _client.ExpireAsync(key, TimeSpan.FromSeconds(50)));
        Assert.InRange((await _client.GetTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(49), TimeSpan.FromSeconds(50));
        Assert.True(await _client.ExpireAsync(key, TimeSpan.FromMilliseconds(250)));
        await Task.Delay(400);
        Assert.Null(await _client.GetAsync(key));
    }

    [Fact]
    public async Task Scan_finds_every_matching_key_across_pages()
    {
        var prefix = Key("scan");
        for (var i = 0; i < 250; i++)
        {
            await _client.SetAsync($"{prefix}:{i}", "x"u8.ToArray());
        }

        var found = new HashSet<string>();
        await foreach (var key in _client.ScanAsync(prefix + ":*", pageSize: 20))
        {
            found.Add(key);
        }

        Assert.Equal(250, found.Count);
        Assert.All(found, k => Assert.StartsWith(prefix, k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sets()
    {
        var key = Key("set");
        Assert.Equal(2, await _client.SetAddAsync(key, ["a"u8.ToArray(), "b"u8.ToArray()]));
        Assert.Equal(1, await _client.SetAddAsync(key, ["b"u8.ToArray(), "c"u8.ToArray()]));
        var members = (await _client.SetMembersAsync(key)).Select(Encoding.UTF8.GetString).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["a", "b", "c"], members);
        Assert.Equal(2, await _client.SetRemoveAsync(key, ["a"u8.ToArray(), "c"u8.ToArray(), "z"u8.ToArray()]));
        Assert.Single(await _client.SetMembersAsync(key));
        Assert.Empty(await _client.SetMembersAsync(Key("none")));
    }

    [Fact]
    public async Task Scripts_load_and_run_by_hash()
    {
        var sha = await _client.ScriptLoadAsync("redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[1])");
        Assert.Equal(40, sha.Length);
        var key = Key("lua");
        var reply = await _client.EvalShaAsync(sha, [key], ["from lua"u8.ToArray()]);
        Assert.Equal("from lua", reply.ToString());

        var missing = await Assert.ThrowsAsync<RedisException>(async () => await _client.EvalShaAsync(new string('0', 40), [], []));
        Assert.StartsWith("NOSCRIPT", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_and_raw_commands()
    {
        Assert.True(await _client.PingAsync() < TimeSpan.FromSeconds(5));
        var key = Key("hash");
        Assert.Equal(2, (await _client.ExecuteAsync("HSET", key, "f1", "v1", "f2", 42)).Integer);
        var all = await _client.ExecuteAsync("HGETALL", key);
        Assert.Equal(RedisReplyKind.Map, all.Kind);
        Assert.Equal(4, all.Elements.Count);
        Assert.Equal("1.5", (await _client.ExecuteAsync("INCRBYFLOAT", Key("f"), 1.5)).ToString());
        Assert.Equal("smoke", (await _client.ExecuteAsync("ECHO", "smoke")).ToString());
        Assert.Throws<ArgumentException>(() => { _ = _client.ExecuteAsync("SET", key, new object()); });
    }

    [Fact]
    public async Task Server_errors_fail_only_their_command()
    {
        var key = Key("list");
        await _client.ExecuteAsync("LPUSH", key, "x");
        var ex = await Assert.ThrowsAsync<RedisException>(async () => await _client.IncrementAsync(key));
        Assert.Equal(RedisErrorKind.Server, ex.Kind);
        Assert.StartsWith("WRONGTYPE", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.True(_client.IsConnected);
        Assert.Equal(1, await _client.IncrementAsync(Key("fine")));
    }

    [Fact]
    public async Task Publish_and_subscribe_by_channel_and_pattern()
    {
        var channel = Key("ch");
        var received = new List<RedisMessage>();
        var both = new TaskCompletionSource();
        void Handle(RedisMessage message)
        {
            lock (received)
            {
                received.Add(message);
                if (received.Count == 2)
                {
                    both.TrySetResult();
                }
            }
        }

        await using (await _client.SubscribeAsync(channel, Handle))
        await using (await _client.SubscribePatternAsync(channel[..^2] + "*", Handle))
        {
            Assert.Equal(2, await _client.PublishAsync(channel, "hello"u8.ToArray()));
            await both.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Contains(received, m => m.Pattern is null && m.Channel == channel && m.Payload.AsSpan().SequenceEqual("hello"u8));
        Assert.Contains(received, m => m.Pattern is not null && m.Channel == channel);
        Assert.Equal(0, await _client.PublishAsync(channel, "after"u8.ToArray()));
    }
}
