using HighPerf.Caching.Redis;
using HighPerf.Testing;

namespace HighPerf.Caching.Tests.ConnectionOptions;

/// <summary>The test servers' connection strings are ones the client reads as meant.</summary>
public sealed class FixtureConnectionStringTests
{
    [Fact]
    public async Task A_TLS_server_with_a_password_parses_to_TLS_its_port_and_its_password()
    {
        const string password = "p@ss/w:rd?#%";
        await using var server = await RedisServer.StartAsync(new RedisServerSettings { Password = password, Tls = true });

        var options = RedisConnectionOptions.Parse(server.ConnectionString);

        Assert.True(options.UseTls);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(server.Port, options.Port);
        Assert.Null(options.User);
        Assert.Equal(password, options.Password);
    }
}
