using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HighPerf.Caching.Redis;
using HighPerf.Testing;

namespace HighPerf.Caching.Tests.Redis;

[Collection(RedisFixture.CollectionName)]
public sealed class ConcurrencyTests(RedisFixture redis)
{
    [Fact]
    public async Task A_thousand_concurrent_callers_each_get_their_own_replies()
    {
        await using var client = await RedisClient.ConnectAsync(redis.Server.ConnectionString);
        var prefix = $"conc:{Guid.NewGuid():N}";
        var tasks = new Task[1000];
        for (var i = 0; i < tasks.Length; i++)
        {
            var n = i;
            tasks[i] = Task.Run(async () =>
            {
                var key = $"{prefix}:{n}";
                var value = BitConverter.GetBytes(n);
                for (var round = 0; round < 5; round++)
                {
                    await client.SetAsync(key, value);
                    Assert.Equal(value, await client.GetAsync(key));
                    Assert.Equal(round + 1, await client.IncrementAsync(key + ":count"));
                    Assert.Equal(1, await client.ExistsAsync([key]));
                    var many = await client.GetManyAsync([key, key + ":missing"]);
                    Assert.Equal(value, many[0]);
                    Assert.Null(many[1]);
                }
            });
        }

        await Task.WhenAll(tasks);
    }
}

[Collection(RedisFixture.CollectionName)]
public sealed class BackpressureTests(RedisFixture redis)
{
    [Fact]
    public async Task Writers_wait_for_room_when_the_send_buffer_is_full_and_all_commands_complete_in_order()
    {
        var options = RedisConnectionOptions.Parse(redis.Server.ConnectionString);
        options.MaxPendingBytes = 256;
        await using var client = await RedisClient.ConnectAsync(options);
        var prefix = $"bp:{Guid.NewGuid():N}";
        var value = new byte[1000];

        // Far more bytes than the buffer holds, offered at once: most writers take the waiting path.
        var writes = Enumerable.Range(0, 300).Select(i => client.SetAsync($"{prefix}:{i}", value).AsTask()).ToArray();
        Assert.All(await Task.WhenAll(writes), Assert.True);

        var counters = Enumerable.Range(0, 300).Select(_ => client.IncrementAsync(prefix + ":n").AsTask()).ToArray();
        var seen = await Task.WhenAll(counters);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i).Order(), seen.Order());
        Assert.Equal(300, await client.ExistsAsync(Enumerable.Range(0, 300).Select(i => $"{prefix}:{i}").ToArray()));
    }
}

/// <summary>Each test starts its own redis-server, since they kill, restart or misconfigure it.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Killing_the_server_mid_burst_fails_every_call_in_flight_then_calls_succeed_after_restart()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RedisConnectionOptions.Parse(server.ConnectionString);
        options.CommandTimeout = TimeSpan.FromSeconds(2);
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        await using var client = await RedisClient.ConnectAsync(options);

        var payload = new byte[1024];
        var burst = new List<Task<(bool Ok, RedisException? Error, TimeSpan Took)>>();
        for (var i = 0; i < 2000; i++)
        {
            burst.Add(TimedAsync(() => client.SetAsync($"burst:{i % 100}", payload)));
        }

        await server.KillAsync();
        for (var i = 0; i < 200; i++)
        {
            burst.Add(TimedAsync(() => client.SetAsync("after-kill", payload)));
        }

        var results = await Task.WhenAll(burst).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(results, r => Assert.True(r.Ok || r.Error is { Kind: RedisErrorKind.Connection or RedisErrorKind.Timeout }, r.Error?.ToString()));
        Assert.All(results, r => Assert.True(r.Took < TimeSpan.FromSeconds(10), $"a call took {r.Took}"));
        Assert.Contains(results, r => !r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.True(r.Error!.IsTransient));

        await server.StartAgainAsync();
        Assert.True(await ScriptedSocketTests.RetryUntilConnectedAsync(() => client.SetAsync("back", payload)));
        Assert.Equal(payload, await client.GetAsync("back"));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Subscriptions_are_restored_after_the_server_restarts()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RedisConnectionOptions.Parse(server.ConnectionString);
        options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        await using var client = await RedisClient.ConnectAsync(options);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.SubscribeAsync("events", m => received.TrySetResult(System.Text.Encoding.UTF8.GetString(m.Payload)));

        await server.KillAsync();
        await server.StartAgainAsync();

        // Publish until the restored subscription hears it (the subscriber reconnects on its own schedule).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!received.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            try
            {
                await client.PublishAsync("events", "after restart"u8.ToArray());
            }
            catch (RedisException ex) when (ex.Kind == RedisErrorKind.Connection)
            {
            }

            await Task.Delay(50);
        }

        Assert.Equal("after restart", await received.Task.WaitAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAsync<RedisException>(() => RedisClient.ConnectAsync($"redis://127.0.0.1:{port}"));
        Assert.Equal(RedisErrorKind.Connection, ex.Kind);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_and_right_passwords()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = "correct horse" });
        var wrong = RedisConnectionOptions.Parse(server.ConnectionString);
        wrong.Password = "battery staple";
        var ex = await Assert.ThrowsAsync<RedisException>(() => RedisClient.ConnectAsync(wrong));
        Assert.Equal(RedisErrorKind.Authentication, ex.Kind);
        Assert.DoesNotContain("battery staple", ex.ToString(), StringComparison.Ordinal);

        var none = RedisConnectionOptions.Parse(server.ConnectionString);
        none.Password = null;
        // HELLO itself is refused without credentials, so the connect fails rather than the first command.
        var noAuth = await Assert.ThrowsAsync<RedisException>(() => RedisClient.ConnectAsync(none));
        Assert.Equal(RedisErrorKind.Authentication, noAuth.Kind);
        Assert.Contains("NOAUTH", noAuth.Message, StringComparison.Ordinal);

        var right = RedisConnectionOptions.Parse(server.ConnectionString);
        right.Password = "correct horse";
        await using var ok = await RedisClient.ConnectAsync(right);
        Assert.True(await ok.SetAsync("k", "v"u8.ToArray()));
    }

    [Fact]
    public async Task Tls_works_with_a_trusted_ca_and_is_refused_without_it()
    {
        await using var server = await RedisServer.StartTlsAsync();
        var trusted = RedisConnectionOptions.Parse(server.ConnectionString);
        Assert.True(trusted.UseTls);
        trusted.TrustedCertificates = [server.CaCertificate];
        await using (var client = await RedisClient.ConnectAsync(trusted))
        {
            Assert.True(await client.SetAsync("tls", "secure"u8.ToArray()));
            Assert.Equal("secure"u8.ToArray(), await client.GetAsync("tls"));
        }

        var untrusted = RedisConnectionOptions.Parse(server.ConnectionString);
        var ex = await Assert.ThrowsAsync<RedisException>(() => RedisClient.ConnectAsync(untrusted));
        Assert.Equal(RedisErrorKind.Tls, ex.Kind);

        var plain = RedisConnectionOptions.Parse(server.ConnectionString);
        plain.UseTls = false;
        plain.ConnectTimeout = TimeSpan.FromSeconds(2);
        var plainEx = await Assert.ThrowsAsync<RedisException>(() => RedisClient.ConnectAsync(plain));
        Assert.Contains(plainEx.Kind, new[] { RedisErrorKind.Connection, RedisErrorKind.Timeout, RedisErrorKind.Protocol });
    }

    [Fact]
    public async Task Calls_after_dispose_fail_clearly()
    {
        await using var server = await RedisServer.StartAsync();
        var client = await RedisClient.ConnectAsync(server.ConnectionString);
        await client.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await client.GetAsync("k"));
    }

    private static async Task<(bool Ok, RedisException? Error, TimeSpan Took)> TimedAsync(Func<ValueTask<bool>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
            return (true, null, Stopwatch.GetElapsedTime(start));
        }
        catch (RedisException ex)
        {
            return (false, ex, Stopwatch.GetElapsedTime(start));
        }
    }
}
