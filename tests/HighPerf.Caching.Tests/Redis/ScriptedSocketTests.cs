using System.Text;
using HighPerf.Caching.Redis;

namespace HighPerf.Caching.Tests.Redis;

/// <summary>The client against a scripted server: exact bytes on the wire, split reads, pushes, bad frames.</summary>
public sealed class ScriptedSocketTests
{
    [Fact]
    public async Task Replies_split_at_every_byte_are_reassembled()
    {
        var value = Encoding.UTF8.GetBytes("a value\r\nwith CRLF inside");
        await using var server = new ScriptedServer(command => command[0] switch
        {
            "HELLO" => ScriptedServer.Hello,
            "GET" => [.. ScriptedServer.Bytes($"${value.Length}\r\n"), .. value, .. "\r\n"u8],
            "INCR" => ScriptedServer.Bytes(":12345\r\n"),
            "MGET" => ScriptedServer.Bytes("*3\r\n$1\r\na\r\n_\r\n$-1\r\n"),
            _ => ScriptedServer.Bytes("-ERR unexpected\r\n"),
        }, chunk: 1);
        await using var client = await RedisClient.ConnectAsync(server.Options());

        Assert.Equal(value, await client.GetAsync("k"));
        Assert.Equal(12345, await client.IncrementAsync("n"));
        var many = await client.GetManyAsync(["a", "b", "c"]);
        Assert.Equal("a"u8.ToArray(), many[0]);
        Assert.Null(many[1]);
        Assert.Null(many[2]);
    }

    [Fact]
    public async Task The_bytes_on_the_wire_are_plain_resp_commands()
    {
        await using var server = new ScriptedServer(command => command[0] == "HELLO" ? ScriptedServer.Hello : ScriptedServer.Bytes("+OK\r\n"));
        await using var client = await RedisClient.ConnectAsync(server.Options());
        await client.SetAsync("key", "v"u8.ToArray(), TimeSpan.FromSeconds(10), RedisSetCondition.NotExists);
        await client.SetAsync("key", "v"u8.ToArray(), TimeSpan.FromMilliseconds(1500));
        await client.SetAsync("key", "v"u8.ToArray(), keepTtl: true, condition: RedisSetCondition.Exists);

        lock (server.Received)
        {
            Assert.Equal(["HELLO", "3"], server.Received[0]);
            Assert.Equal(["SET", "key", "v", "EX", "10", "NX"], server.Received[1]);
            Assert.Equal(["SET", "key", "v", "PX", "1500"], server.Received[2]);
            Assert.Equal(["SET", "key", "v", "KEEPTTL", "XX"], server.Received[3]);
        }
    }

    [Fact]
    public async Task Resp3_pushes_interleaved_with_replies_go_to_the_push_event()
    {
        var push = ">2\r\n+invalidate\r\n*1\r\n$1\r\nk\r\n";
        await using var server = new ScriptedServer(command => command[0] switch
        {
            "HELLO" => ScriptedServer.Hello,
            "GET" => ScriptedServer.Bytes(push + "$2\r\nv1\r\n" + push),
            _ => ScriptedServer.Bytes(push + ":7\r\n"),
        }, chunk: 3);
        await using var client = await RedisClient.ConnectAsync(server.Options());
        var pushes = new List<string>();
        client.PushReceived += reply =>
        {
            lock (pushes)
            {
                pushes.Add(reply.ToString());
            }
        };

        Assert.Equal("v1"u8.ToArray(), await client.GetAsync("k"));
        Assert.Equal(7, await client.IncrementAsync("n"));
        Assert.Equal("v1"u8.ToArray(), await client.GetAsync("k"));
        await Task.Delay(50);
        lock (pushes)
        {
            Assert.True(pushes.Count >= 4, $"{pushes.Count} pushes seen");
            Assert.All(pushes, p => Assert.Equal("[invalidate, [k]]", p));
        }
    }

    [Fact]
    public async Task Protocol_2_authenticates_and_names_without_hello()
    {
        await using var server = new ScriptedServer(command => command[0] switch
        {
            "AUTH" => ScriptedServer.Bytes("+OK\r\n"),
            "CLIENT" => ScriptedServer.Bytes("+OK\r\n"),
            "SELECT" => ScriptedServer.Bytes("+OK\r\n"),
            _ => ScriptedServer.Bytes("$-1\r\n"),
        });
        var options = server.Options(protocol: 2);
        options.User = "app";
        options.Password = "s3cret";
        options.ClientName = "tests";
        options.Database = 5;
        await using var client = await RedisClient.ConnectAsync(options);
        Assert.Null(await client.GetAsync("missing"));
        lock (server.Received)
        {
            Assert.Equal(["AUTH", "app", "s3cret"], server.Received[0]);
            Assert.Equal(["CLIENT", "SETNAME", "tests"], server.Received[1]);
            Assert.Equal(["SELECT", "5"], server.Received[2]);
        }
    }

    [Fact]
    public async Task Hello_carries_auth_and_name_in_one_round_trip()
    {
        await using var server = new ScriptedServer(command => command[0] == "HELLO" ? ScriptedServer.Hello : ScriptedServer.Bytes("+PONG\r\n"));
        var options = server.Options();
        options.Password = "pw";
        options.ClientName = "n";
        await using var client = await RedisClient.ConnectAsync(options);
        await client.PingAsync();
        lock (server.Received)
        {
            Assert.Equal(["HELLO", "3", "AUTH", "default", "pw", "SETNAME", "n"], server.Received[0]);
        }
    }

    [Fact]
    public async Task A_refused_password_is_an_authentication_error_without_the_password()
    {
        await using var server = new ScriptedServer(_ => ScriptedServer.Bytes("-WRONGPASS invalid username-password pair or user is disabled.\r\n"));
        var options = server.Options();
        options.Password = "very-secret-password";
        var ex = await Assert.ThrowsAsync<RedisException>(() => RedisClient.ConnectAsync(options));
        Assert.Equal(RedisErrorKind.Authentication, ex.Kind);
        Assert.DoesNotContain("very-secret-password", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_frame_fails_the_command_and_the_client_reconnects()
    {
        var calls = 0;
        await using var server = new ScriptedServer(command => command[0] switch
        {
            "HELLO" => ScriptedServer.Hello,
            _ => Interlocked.Increment(ref calls) == 1 ? ScriptedServer.Bytes("?garbage\r\n") : ScriptedServer.Bytes(":1\r\n"),
        });
        await using var client = await RedisClient.ConnectAsync(server.Options());

        var ex = await Assert.ThrowsAsync<RedisException>(async () => await client.IncrementAsync("n"));
        Assert.Contains(ex.Kind, new[] { RedisErrorKind.Protocol, RedisErrorKind.Connection });
        Assert.Equal(1, await RetryUntilConnectedAsync(() => client.IncrementAsync("n")));
    }

    [Fact]
    public async Task A_command_that_times_out_does_not_shift_later_replies()
    {
        var gate = new ManualResetEventSlim();
        await using var server = SlowEchoServer(gate);
        var options = server.Options();
        options.CommandTimeout = TimeSpan.FromMilliseconds(200);
        await using var client = await RedisClient.ConnectAsync(options);

        var slow = client.GetAsync("slow").AsTask();
        var ex = await Assert.ThrowsAsync<RedisException>(() => slow);
        Assert.Equal(RedisErrorKind.Timeout, ex.Kind);

        var next = client.GetAsync("next").AsTask();
        gate.Set();
        Assert.Equal("next"u8.ToArray(), await next);
    }

    [Fact]
    public async Task Cancelling_a_command_does_not_shift_later_replies()
    {
        var gate = new ManualResetEventSlim();
        await using var server = SlowEchoServer(gate);
        await using var client = await RedisClient.ConnectAsync(server.Options());

        using var cts = new CancellationTokenSource();
        var slow = client.GetAsync("slow", cts.Token).AsTask();
        var next = client.GetAsync("next").AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        gate.Set();
        Assert.Equal("next"u8.ToArray(), await next);
        Assert.Equal("again"u8.ToArray(), await client.GetAsync("again"));
    }

    /// <summary>Answers GET key with the key's name, but holds the reply to "slow" (and so every later one) until <paramref name="gate"/> opens.</summary>
    private static ScriptedServer SlowEchoServer(ManualResetEventSlim gate) => new(command =>
    {
        if (command[0] == "HELLO")
        {
            return ScriptedServer.Hello;
        }

        if (command[1] == "slow")
        {
            gate.Wait(TimeSpan.FromSeconds(10));
        }

        return ScriptedServer.Bytes($"${command[1].Length}\r\n{command[1]}\r\n");
    });

    internal static async Task<T> RetryUntilConnectedAsync<T>(Func<ValueTask<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RedisException ex) when (ex.Kind == RedisErrorKind.Connection && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
