using HighPerf.Data;
using HighPerf.Data.Arrow;
using HighPerf.Testing;
using Npgsql;

namespace HighPerf.Benchmarks.Data.Postgres;

/// <summary>
/// A private PostgreSQL server for one benchmark process, durable when asked (fsync, synchronous_commit and
/// full_page_writes on, where the test servers turn them off), with a database holding the 6-column events table
/// and the binary COPY file of the generated rows that psql reads.
/// </summary>
internal sealed class PostgresBenchServer : IAsyncDisposable
{
    public const int Rows = 1_000_000;

    public const string Ddl = """
        CREATE TABLE events (
            id bigint PRIMARY KEY,
            user_id bigint NOT NULL,
            event_type text NOT NULL,
            amount double precision,
            created_at timestamptz NOT NULL,
            flag boolean)
        """;

    public static readonly string[] Columns = ["id", "user_id", "event_type", "amount", "created_at", "flag"];

    private readonly PostgresServer _server;
    private readonly string _folder;

    private PostgresBenchServer(PostgresServer server, string connectionString, NpgsqlDataSource dataSource, string folder)
    {
        _server = server;
        ConnectionString = connectionString;
        DataSource = dataSource;
        Client = new PostgresArrowClient(dataSource);
        _folder = folder;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgresArrowClient Client { get; }

    /// <summary>libpq's form of the connection string, for psql.</summary>
    public string LibPqConnection => $"host={_server.Host} port={_server.Port} user={PostgresServer.SuperUser} dbname=bench";

    public string BinaryFile => Path.Combine(_folder, "events.bin");

    public static async Task<PostgresBenchServer> StartAsync(bool durable)
    {
        var server = await PostgresServer.StartAsync(durable);
        var connectionString = await server.CreateDatabaseAsync("bench");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var folder = Directory.CreateTempSubdirectory("highperf-bench-pg-").FullName;
        var bench = new PostgresBenchServer(server, connectionString, dataSource, folder);
        await bench.ExecuteAsync(Ddl);
        if (durable && await bench.ScalarAsync<string>("SHOW fsync") != "on")
        {
            throw new InvalidOperationException("fsync did not turn on.");
        }

        return bench;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Loads the rows into events once and writes them out with the server's own binary COPY, the file psql reads.</summary>
    public async Task WriteBinaryFileAsync(IReadOnlyList<RecordBatch> batches)
    {
        await ExecuteAsync("TRUNCATE events");
        await Client.BulkInsertAsync("events", Columns, batches);
        await using var connection = await DataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginRawBinaryCopyAsync("COPY events TO STDOUT (FORMAT BINARY)"))
        await using (var file = File.Create(BinaryFile))
        {
            await copy.CopyToAsync(file);
        }

        await ExecuteAsync("TRUNCATE events");
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
