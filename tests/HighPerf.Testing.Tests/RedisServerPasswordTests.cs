namespace HighPerf.Testing.Tests;

public sealed class RedisServerPasswordTests
{
    private const string Password = "s3cret with space, \"quote\" & é";

    [Fact]
    public async Task Answers_NOAUTH_without_AUTH_and_PONG_after_it()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = Password });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RedisProbe.CommandAsync(server.Host, server.Port, ["PING"]));
        Assert.Contains("NOAUTH", refused.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", await RedisProbe.CommandAsync(server.Host, server.Port, new RedisProbeOptions(Password: Password), ["PING"]));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = Password });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RedisProbe.CommandAsync(server.Host, server.Port, new RedisProbeOptions(Password: "wrong"), ["PING"]));
        Assert.Contains("WRONGPASS", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_string_carries_the_password_percent_encoded()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = "p@ss/word" });

        Assert.Equal("p@ss/word", server.Password);
        Assert.Equal($"redis://:p%40ss%2Fword@127.0.0.1:{server.Port}", server.ConnectionString);
    }

    [Fact]
    public async Task Kill_then_StartAgain_keeps_the_password()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = Password });

        await server.KillAsync();
        await server.StartAgainAsync();

        Assert.Equal(Password, server.Password);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RedisProbe.CommandAsync(server.Host, server.Port, ["PING"]));
        Assert.Contains("NOAUTH", refused.Message, StringComparison.Ordinal);
        Assert.True(await RedisProbe.PingAsync(server.Host, server.Port, server.ProbeOptions));
    }

    [Fact]
    public async Task TLS_and_a_password_together()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = "pw", Tls = true });

        Assert.Equal($"rediss://:pw@127.0.0.1:{server.Port}", server.ConnectionString);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RedisProbe.CommandAsync(server.Host, server.Port, new RedisProbeOptions(server.CaCertificate), ["PING"]));
        Assert.Contains("NOAUTH", refused.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", await RedisProbe.CommandAsync(server.Host, server.Port, new RedisProbeOptions(server.CaCertificate, "pw"), ["PING"]));
    }

    [Fact]
    public async Task An_empty_password_is_refused_before_anything_starts()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RedisServer.StartAsync(new RedisServerSettings { Password = string.Empty }));
    }
}
