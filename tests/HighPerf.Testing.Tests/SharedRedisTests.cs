namespace HighPerf.Testing.Tests;

[Collection(RedisFixture.CollectionName)]
public sealed class SharedRedisTests(RedisFixture fixture)
{
    [Fact]
    public async Task Every_call_and_the_fixture_get_the_same_server()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SharedServers.RedisAsync())));

        Assert.All(servers, server => Assert.Same(fixture.Server, server));
        Assert.Same(fixture.Server, await SharedServers.RedisAsync());
        Assert.Equal(fixture.Server.Endpoint, fixture.Endpoint);
    }
}
