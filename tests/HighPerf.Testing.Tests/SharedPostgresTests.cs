namespace HighPerf.Testing.Tests;

[Collection(PostgresFixture.CollectionName)]
public sealed class SharedPostgresTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Every_call_and_the_fixture_get_the_same_server()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SharedServers.PostgresAsync())));

        Assert.All(servers, server => Assert.Same(fixture.Server, server));
        Assert.Same(fixture.Server, await SharedServers.PostgresAsync());
        Assert.Equal(fixture.Server.ConnectionString, fixture.ConnectionString);
    }
}
