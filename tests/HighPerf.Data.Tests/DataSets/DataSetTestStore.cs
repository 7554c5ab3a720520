using HighPerf.Data.DataSets;
using HighPerf.Data.Tests.DuckDb;

namespace HighPerf.Data.Tests.DataSets;

/// <summary>A file database in a temp folder with a registry over it; reopenable to check what survives a restart.</summary>
internal sealed class DataSetTestStore : IDisposable
{
    private readonly TempFolder _folder = new();

    public DataSetTestStore()
    {
        Open();
    }

    public DuckDbDatabase Database { get; private set; } = null!;

    public DataSetRegistry Registry { get; private set; } = null!;

    public string Exports => _folder.Combine("exports");

    public void Reopen()
    {
        Database.Dispose();
        Open();
    }

    public void Dispose()
    {
        Database.Dispose();
        _folder.Dispose();
    }

    private void Open()
    {
        Directory.CreateDirectory(Exports);
        Database = TestDb.Open(o =>
        {
            o.Path = _folder.Combine("store.duckdb");
            o.AllowedDirectories = [Exports];
        });
        Registry = new DataSetRegistry(Database, new DataSetOptions { BatchRows = 1000 }, Exports);
    }

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
