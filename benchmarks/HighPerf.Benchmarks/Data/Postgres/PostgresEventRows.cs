using System.Globalization;
using System.Text;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Benchmarks.Data.Postgres;

/// <summary>The benchmark's events, deterministic: as Arrow batches of 65,536 rows and as the same records in a JSON array.</summary>
internal static class PostgresEventRows
{
    private static readonly string[] s_types = ["page_view", "click", "purchase", "signup", "add_to_cart"];
    private static readonly long s_base = (new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static readonly Schema Schema = new(
    [
        new Field("id", ArrowType.Int64, nullable: false),
        new Field("user_id", ArrowType.Int64, nullable: false),
        new Field("event_type", ArrowType.Utf8, nullable: false),
        new Field("amount", ArrowType.Float64),
        new Field("created_at", ArrowType.TimestampMicrosecondUtc, nullable: false),
        new Field("flag", ArrowType.Boolean),
    ]);

    public static DataSetDefinition Definition { get; } = new(
        "events",
        [
            new("id", DataSetColumnType.Int64, Nullable: false),
            new("user_id", DataSetColumnType.Int64, Nullable: false),
            new("event_type", DataSetColumnType.String, Nullable: false),
            new("amount", DataSetColumnType.Float64),
            new("created_at", DataSetColumnType.Timestamp, Nullable: false),
            new("flag", DataSetColumnType.Bool),
        ],
        ["id"]);

    public static List<RecordBatch> Batches(int rows)
    {
        using var ids = new Int64ArrayBuilder();
        using var users = new Int64ArrayBuilder();
        using var types = new StringArrayBuilder();
        using var amounts = new Float64ArrayBuilder();
        using var created = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond, "UTC");
        using var flags = new BooleanArrayBuilder();
        var batches = new List<RecordBatch>();
        for (var done = 0; done < rows;)
        {
            var count = Math.Min(65_536, rows - done);
            for (var r = 0; r < count; r++)
            {
                long id = done + r + 1;
                ids.Append(id);
                users.Append(id * 7919 % 100_000);
                types.Append(s_types[id % s_types.Length]);
                amounts.Append(id % 11 == 0 ? null : id % 400_000 * 0.25);
                created.Append(s_base + (id * 1_000_000));
                flags.Append(id % 7 == 0 ? null : id % 3 == 0);
            }

            done += count;
            batches.Add(new RecordBatch(Schema, [ids.Build(), users.Build(), types.Build(), amounts.Build(), created.Build(), flags.Build()], count));
        }

        return batches;
    }

    public static byte[] Json(int rows)
    {
        var text = new StringBuilder(rows * 130).Append('[');
        for (long id = 1; id <= rows; id++)
        {
            if (id > 1)
            {
                text.Append(',');
            }

            var created = DateTimeOffset.UnixEpoch.AddTicks((s_base + (id * 1_000_000)) * 10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var amount = id % 11 == 0 ? "null" : (id % 400_000 * 0.25).ToString("R", CultureInfo.InvariantCulture);
            var flag = id % 7 == 0 ? "null" : id % 3 == 0 ? "true" : "false";
            text.Append(CultureInfo.InvariantCulture, $$"""{"id":{{id}},"user_id":{{id * 7919 % 100_000}},"event_type":"{{s_types[id % s_types.Length]}}","amount":{{amount}},"created_at":"{{created}}","flag":{{flag}}}""");
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }
}
