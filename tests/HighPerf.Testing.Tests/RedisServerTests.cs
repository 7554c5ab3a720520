namespace HighPerf.Testing.Tests;

[Collection(RedisFixture.CollectionName)]
public sealed class RedisServerTests(RedisFixture fixture)
{
    private readonly RedisServer _server = fixture.Server;

    [Fact]
    public async Task Answers_PING()
    {
        Assert.True(await RedisProbe.PingAsync(_server.Host, _server.Port));
    }

    [Fact]
    public async Task Stores_and_returns_a_value()
    {
        var key = "key:" + Guid.NewGuid().ToString("N");

        Assert.Equal("OK", await RedisProbe.CommandAsync(_server.Host, _server.Port, ["SET", key, "a value with spaces"]));
        Assert.Equal("a value with spaces", await RedisProbe.CommandAsync(_server.Host, _server.Port, ["GET", key]));
        Assert.Null(await RedisProbe.CommandAsync(_server.Host, _server.Port, ["GET", key + ":missing"]));
        Assert.Equal("1", await RedisProbe.CommandAsync(_server.Host, _server.Port, ["DEL", key]));
    }

    [Fact]
    public async Task Errors_come_back_as_exceptions()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RedisProbe.CommandAsync(_server.Host, _server.Port, ["NO-SUCH-COMMAND"]));

        Assert.Contains("unknown command", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Listens_on_loopback_without_an_append_only_file()
    {
        Assert.Equal("127.0.0.1", _server.Host);
        Assert.Equal($"127.0.0.1:{_server.Port}", _server.Endpoint);
        Assert.Equal($"redis://127.0.0.1:{_server.Port}", _server.ConnectionString);

        var info = await RedisProbe.CommandAsync(_server.Host, _server.Port, ["INFO", "persistence"]);
        Assert.Contains("aof_enabled:0", info, StringComparison.Ordinal);
    }
}
