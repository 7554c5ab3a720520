using Npgsql;

namespace HighPerf.Testing.Tests;

[Collection(PostgresFixture.CollectionName)]
public sealed class PostgresServerTests(PostgresFixture fixture)
{
    private readonly PostgresServer _server = fixture.Server;

    [Fact]
    public async Task Answers_as_PostgreSQL_15()
    {
        var version = await ScalarAsync<string>(_server.ConnectionString, "SELECT version()");

        Assert.Contains("PostgreSQL 15", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listens_on_loopback_at_the_advertised_port()
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString);

        Assert.Equal("127.0.0.1", _server.Host);
        Assert.Equal(_server.Host, builder.Host);
        Assert.Equal(_server.Port, builder.Port);
        Assert.Equal(_server.Port, await ScalarAsync<int>(_server.ConnectionString, "SELECT inet_server_port()"));
    }

    [Fact]
    public async Task Stores_and_returns_rows()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE items (id int PRIMARY KEY, name text NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO items VALUES (1, 'one'), (2, 'two')", connection))
        {
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        await using var select = new NpgsqlCommand("SELECT name FROM items ORDER BY id", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        Assert.Equal(["one", "two"], names);
    }

    [Fact]
    public async Task CreateDatabaseAsync_gives_a_separate_database()
    {
        var name = "isolated_" + Guid.NewGuid().ToString("N")[..8];

        var connectionString = await _server.CreateDatabaseAsync(name);
        await ExecuteAsync(connectionString, "CREATE TABLE only_here (id int)");

        Assert.Equal(name, await ScalarAsync<string>(connectionString, "SELECT current_database()"));
        Assert.Equal(1L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
        Assert.Equal(0L, await ScalarAsync<long>(_server.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
    }

    [Fact]
    public void ProcessId_is_the_postmaster_and_it_does_not_run_as_root()
    {
        // postgres refuses root, and the tests run as root on CI: this shows the user switch took, and that
        // the pid StopAsync signals is postgres itself rather than a wrapper.
        var uidLine = File.ReadLines($"/proc/{_server.ProcessId}/status").Single(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        var effectiveUid = uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2];

        Assert.NotEqual("0", effectiveUid);
        Assert.Equal("postgres", File.ReadAllText($"/proc/{_server.ProcessId}/comm").Trim());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
