namespace HighPerf.Testing.Tests;

public sealed class RedisServerLifecycleTests
{
    [Fact]
    public async Task Kill_then_StartAgain_answers_on_the_same_port_with_an_empty_server()
    {
        await using var server = await RedisServer.StartAsync();
        var port = server.Port;
        var firstPid = server.ProcessId;
        await RedisProbe.CommandAsync(server.Host, port, ["SET", "survives", "no"]);

        await server.KillAsync();

        Assert.False(server.IsRunning);
        ServerAssert.ProcessGone(firstPid);
        Assert.False(await RedisProbe.PingAsync(server.Host, port));
        Assert.True(Directory.Exists(server.FolderPath));

        await server.StartAgainAsync();

        Assert.True(server.IsRunning);
        Assert.Equal(port, server.Port);
        Assert.NotEqual(firstPid, server.ProcessId);
        Assert.True(await RedisProbe.PingAsync(server.Host, port));
        Assert.Null(await RedisProbe.CommandAsync(server.Host, port, ["GET", "survives"]));
    }

    [Fact]
    public async Task StartAgain_while_running_is_refused()
    {
        await using var server = await RedisServer.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAgainAsync());
    }

    [Fact]
    public async Task StopAsync_ends_the_process_closes_the_port_and_deletes_the_folder()
    {
        var server = await RedisServer.StartAsync();
        Assert.True(Directory.Exists(server.FolderPath));

        await server.StopAsync();

        Assert.False(server.IsRunning);
        ServerAssert.PortRefuses(server.Port);
        ServerAssert.ProcessGone(server.ProcessId);
        Assert.False(Directory.Exists(server.FolderPath));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.StartAgainAsync());
        await server.DisposeAsync();
    }

    [Fact]
    public void A_missing_installation_names_the_package_to_install()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RedisServer.LocateExecutable(null, ["/nonexistent"]));

        Assert.Contains("'redis-server'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_override_is_reported()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RedisServer.LocateExecutable("/nonexistent/redis-server", []));

        Assert.Contains(RedisServer.ServerPathVariable, error.Message, StringComparison.Ordinal);
    }
}
