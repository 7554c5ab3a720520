using Xunit;

namespace HighPerf.Testing;

/// <summary>
/// xunit fixture handing out the process' shared <see cref="PostgresServer"/> (see <see cref="SharedServers"/>).
/// Use it as <c>IClassFixture&lt;PostgresFixture&gt;</c>, or declare a collection in the test assembly
/// (xunit only finds collection definitions there):
/// <code>
/// [CollectionDefinition(PostgresFixture.CollectionName)]
/// public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;
/// </code>
/// Disposing the fixture leaves the server running for the rest of the test process.
/// Isolate a test class with its own database: <see cref="PostgresServer.CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The name for a <c>[CollectionDefinition]</c> and <c>[Collection]</c> of tests using PostgreSQL.</summary>
    public const string CollectionName = "HighPerf.Testing.Postgres";

    private PostgresServer? _server;

    /// <summary>The shared server.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("xunit has not initialized this fixture yet.");

    /// <summary>The shared server's connection string (database <c>postgres</c>).</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await SharedServers.PostgresAsync();

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.CompletedTask;
}
