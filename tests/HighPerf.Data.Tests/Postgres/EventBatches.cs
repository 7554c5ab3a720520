using System.Globalization;
using System.Text;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Data.Tests.Postgres;

/// <summary>
/// The 6-column events table of the bulk tests, generated deterministically as Arrow batches or as a JSON body, with
/// the checksum the same rows give in SQL.
/// </summary>
internal static class EventBatches
{
    public const string Ddl = """
        CREATE TABLE events (
            id bigint PRIMARY KEY,
            user_id bigint NOT NULL,
            event_type text NOT NULL,
            amount double precision,
            created_at timestamptz NOT NULL,
            flag boolean)
        """;

    /// <summary>Sums over every column that SQL computes the same way: count, ids, user ids, type lengths, amounts (exact quarters), seconds, flags.</summary>
    public const string ChecksumSql = """
        SELECT count(*)::bigint, sum(id)::bigint, sum(user_id)::bigint, sum(length(event_type))::bigint,
               coalesce(sum(amount), 0)::float8, sum(extract(epoch FROM created_at))::bigint,
               count(*) FILTER (WHERE flag)::bigint, count(flag)::bigint
        FROM events
        """;

    public static readonly string[] Columns = ["id", "user_id", "event_type", "amount", "created_at", "flag"];

    public static readonly Schema Schema = new(
    [
        new Field("id", ArrowType.Int64, nullable: false),
        new Field("user_id", ArrowType.Int64),
        new Field("event_type", ArrowType.Utf8, nullable: false),
        new Field("amount", ArrowType.Float64),
        new Field("created_at", ArrowType.TimestampMicrosecondUtc, nullable: false),
        new Field("flag", ArrowType.Boolean),
    ]);

    private static readonly string[] s_types = ["page_view", "click", "purchase", "signup", "add_to_cart"];

    private static readonly long s_baseMicros = (new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long UserId(long id) => (id * 7919) % 100_000;

    public static string EventType(long id) => s_types[id % s_types.Length];

    public static double? Amount(long id) => id % 11 == 0 ? null : (id % 400_000) * 0.25;

    public static long CreatedSeconds(long id) => (s_baseMicros / 1_000_000) + id;

    public static bool? Flag(long id) => id % 7 == 0 ? null : id % 3 == 0;

    /// <summary>Rows with ids first, first + 1, ... in batches of <paramref name="batchRows"/>; <paramref name="nullUserAt"/> makes one user id null.</summary>
    public static IEnumerable<RecordBatch> Create(long first, long count, int batchRows, long nullUserAt = -1, long duplicateAt = -1, long duplicateOf = -1)
    {
        using var ids = new Int64ArrayBuilder();
        using var users = new Int64ArrayBuilder();
        using var types = new StringArrayBuilder();
        using var amounts = new Float64ArrayBuilder();
        using var created = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond, "UTC");
        using var flags = new BooleanArrayBuilder();
        for (long done = 0; done < count;)
        {
            var rows = (int)Math.Min(batchRows, count - done);
            for (var r = 0; r < rows; r++)
            {
                var index = done + r;
                var id = index == duplicateAt ? first + duplicateOf : first + index;
                ids.Append(id);
                if (index == nullUserAt)
                {
                    users.AppendNull();
                }
                else
                {
                    users.Append(UserId(id));
                }

                types.Append(EventType(id));
                amounts.Append(Amount(id));
                created.Append(CreatedSeconds(id) * 1_000_000);
                flags.Append(Flag(id));
            }

            done += rows;
            yield return new RecordBatch(Schema, [ids.Build(), users.Build(), types.Build(), amounts.Build(), created.Build(), flags.Build()], rows);
        }
    }

    /// <summary>The checksum of rows with ids <paramref name="first"/> to <paramref name="first"/> + count - 1, as <see cref="ChecksumSql"/> computes it.</summary>
    public static (long Count, long Ids, long Users, long TypeLengths, double Amounts, long Seconds, long Flags, long FlagCount) Checksum(long first, long count)
    {
        long ids = 0, users = 0, lengths = 0, seconds = 0, flags = 0, flagCount = 0;
        double amounts = 0;
        for (var id = first; id < first + count; id++)
        {
            ids += id;
            users += UserId(id);
            lengths += EventType(id).Length;
            amounts += Amount(id) ?? 0;
            seconds += CreatedSeconds(id);
            if (Flag(id) is { } f)
            {
                flagCount++;
                flags += f ? 1 : 0;
            }
        }

        return (count, ids, users, lengths, amounts, seconds, flags, flagCount);
    }

    /// <summary>The same rows as a JSON array; <paramref name="badTypeAt"/> makes one record's user_id a string.</summary>
    public static byte[] Json(long first, long count, long badTypeAt = -1, long duplicateAt = -1, long duplicateOf = -1)
    {
        var text = new StringBuilder("[");
        for (long index = 0; index < count; index++)
        {
            var id = index == duplicateAt ? first + duplicateOf : first + index;
            if (index > 0)
            {
                text.Append(',');
            }

            var created = DateTimeOffset.FromUnixTimeSeconds(CreatedSeconds(id)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var user = index == badTypeAt ? "\"oops\"" : UserId(id).ToString(CultureInfo.InvariantCulture);
            var amount = Amount(id) is { } a ? a.ToString("R", CultureInfo.InvariantCulture) : "null";
            var flag = Flag(id) is { } f ? (f ? "true" : "false") : "null";
            text.Append(CultureInfo.InvariantCulture, $$"""{"id":{{id}},"user_id":{{user}},"event_type":"{{EventType(id)}}","amount":{{amount}},"created_at":"{{created}}","flag":{{flag}}}""");
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

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
}
