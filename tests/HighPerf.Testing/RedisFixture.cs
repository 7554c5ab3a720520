using Xunit;

namespace HighPerf.Testing;

/// <summary>
/// xunit fixture handing out the process' shared <see cref="RedisServer"/> (see <see cref="SharedServers"/>).
/// Use it as <c>IClassFixture&lt;RedisFixture&gt;</c>, or declare a collection in the test assembly
/// (xunit only finds collection definitions there):
/// <code>
/// [CollectionDefinition(RedisFixture.CollectionName)]
/// public sealed class RedisCollection : ICollectionFixture&lt;RedisFixture&gt;;
/// </code>
/// Disposing the fixture leaves the server running for the rest of the test process; a test that kills
/// or stops its server should start a private <see cref="RedisServer"/> instead.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    /// <summary>The name for a <c>[CollectionDefinition]</c> and <c>[Collection]</c> of tests using Redis.</summary>
    public const string CollectionName = "HighPerf.Testing.Redis";

    private RedisServer? _server;

    /// <summary>The shared server.</summary>
    public RedisServer Server => _server ?? throw new InvalidOperationException("xunit has not initialized this fixture yet.");

    /// <summary>The shared server's <c>127.0.0.1:port</c>.</summary>
    public string Endpoint => Server.Endpoint;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await SharedServers.RedisAsync();

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.CompletedTask;
}
