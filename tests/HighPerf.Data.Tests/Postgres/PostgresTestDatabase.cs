using HighPerf.Data.Arrow;
using Npgsql;

namespace HighPerf.Data.Tests.Postgres;

/// <summary>
/// A base for test classes on the shared private server: every test class instance (so every test) gets a database
/// of its own, a data source over it and a <see cref="PostgresArrowClient"/>.
/// </summary>
public abstract class PostgresTestDatabase(PostgresFixture fixture) : IAsyncLifetime
{
    private static int s_counter;

    protected PostgresFixture Fixture { get; } = fixture;

    protected string ConnectionString { get; private set; } = string.Empty;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    protected PostgresArrowClient Client { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var name = $"{GetType().Name.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}";
        ConnectionString = await Fixture.Server.CreateDatabaseAsync(name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Client = new PostgresArrowClient(DataSource);
    }

    public virtual async Task DisposeAsync() => await DataSource.DisposeAsync();

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    protected async Task<List<RecordBatch>> ReadAllAsync(string sql, int batchSize = 0, IReadOnlyList<NpgsqlParameter>? parameters = null)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in Client.ReadAsync(sql, parameters, batchSize))
        {
            batches.Add(batch);
        }

        return batches;
    }

    protected static void DisposeAll(IEnumerable<RecordBatch> batches)
    {
        foreach (var batch in batches)
        {
            batch.Dispose();
        }
    }
}
