using HighPerf.Data.DataSets;
using HighPerf.Data.Tests.DuckDb;
using Npgsql;

namespace HighPerf.Data.Tests.DataSets;

/// <summary>
/// A registry over a store of its own, for the scenarios that run on both stores; reopenable to check what survives a
/// restart. <see cref="Database"/> is the DuckDB database: the store on DuckDB, the Parquet writer on PostgreSQL.
/// </summary>
public abstract class DataSetTestStore : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    protected DataSetTestStore()
    {
        Directory.CreateDirectory(Exports);
    }

    public DuckDbDatabase Database { get; private set; } = null!;

    public DataSetRegistry Registry { get; private set; } = null!;

    public string Exports => _folder.Combine("exports");

    /// <summary><c>duckdb</c> or <c>postgres</c>.</summary>
    public abstract string StoreName { get; }

    /// <summary>A new registry (and DuckDB database) over the same stored data, as after a restart.</summary>
    public void Reopen()
    {
        Database.Dispose();
        Open();
    }

    public virtual ValueTask DisposeAsync()
    {
        Database.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected void Open()
    {
        Database = TestDb.Open(o =>
        {
            o.Path = _folder.Combine("store.duckdb");
            o.AllowedDirectories = [Exports];
        });
        Registry = CreateRegistry(Database, new DataSetOptions { BatchRows = 1000 });
    }

    /// <summary>Another registry over the same store, with other settings.</summary>
    public DataSetRegistry WithOptions(DataSetOptions options) => CreateRegistry(Database, options);

    protected abstract DataSetRegistry CreateRegistry(DuckDbDatabase database, DataSetOptions options);

    public static DataSetDefinition Events(string name = "events") => new(
        name,
        [
            new DataSetColumn("id", DataSetColumnType.Int64, Nullable: false),
            new DataSetColumn("user_id", DataSetColumnType.Int64, Nullable: false),
            new DataSetColumn("event_type", DataSetColumnType.String, Nullable: false),
            new DataSetColumn("amount", DataSetColumnType.Decimal(12, 2)),
            new DataSetColumn("properties", DataSetColumnType.Json),
            new DataSetColumn("created_at", DataSetColumnType.Timestamp),
            new DataSetColumn("day", DataSetColumnType.Date),
            new DataSetColumn("score", DataSetColumnType.Float64),
            new DataSetColumn("ok", DataSetColumnType.Bool),
            new DataSetColumn("n", DataSetColumnType.Int32),
        ],
        PrimaryKey: ["id"]);

    /// <summary>A JSON array of <paramref name="count"/> records starting at id <paramref name="first"/>.</summary>
    public static string EventsJson(int count, int first = 1)
    {
        var json = new System.Text.StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            var id = first + i;
            json.Append(i == 0 ? "" : ",")
                .Append("{\"id\":").Append(id)
                .Append(",\"user_id\":").Append(1 + (id % 7))
                .Append(",\"event_type\":\"").Append(id % 3 == 0 ? "purchase" : "page_view").Append('"')
                .Append(",\"amount\":").Append(id % 3 == 0 ? $"{id}.25" : "null")
                .Append(",\"properties\":{\"k\":[").Append(id).Append(",\"x\"]}")
                .Append(",\"created_at\":\"2026-01-0").Append(1 + (id % 9)).Append("T10:00:00Z\"")
                .Append(",\"day\":\"2026-02-1").Append(id % 10).Append('"')
                .Append(",\"score\":").Append(id * 0.5)
                .Append(",\"ok\":").Append(id % 2 == 0 ? "true" : "false")
                .Append(",\"n\":").Append(id % 100)
                .Append('}');
        }

        return json.Append(']').ToString();
    }

    public static MemoryStream Body(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));
}

/// <summary>The registry on a DuckDB file in a temp folder.</summary>
public sealed class DuckDbTestStore : DataSetTestStore
{
    public DuckDbTestStore()
    {
        Open();
    }

    public override string StoreName => "duckdb";

    protected override DataSetRegistry CreateRegistry(DuckDbDatabase database, DataSetOptions options) => new(database, options, Exports);
}

/// <summary>The registry on a database of its own on the shared private PostgreSQL server.</summary>
public sealed class PostgresTestStore : DataSetTestStore
{
    private static int s_counter;

    private PostgresTestStore(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
        Client = new PostgresArrowClient(dataSource);
        Open();
    }

    public NpgsqlDataSource DataSource { get; }

    public PostgresArrowClient Client { get; }

    public override string StoreName => "postgres";

    public static async Task<PostgresTestStore> CreateAsync(PostgresFixture fixture)
    {
        var name = $"datasets_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}";
        var connectionString = await fixture.Server.CreateDatabaseAsync(name);
        return new PostgresTestStore(NpgsqlDataSource.Create(connectionString));
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    protected override DataSetRegistry CreateRegistry(DuckDbDatabase database, DataSetOptions options) => new(Client, database, options, Exports);
}
