namespace HighPerf.Data.Tests.DuckDb;

/// <summary>The events table of the issue, with rows generated from their index alone so any row can be checked.</summary>
internal static class EventRows
{
    public const string CreateTable = """
        CREATE TABLE events (
            id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            event_type VARCHAR NOT NULL,
            amount DECIMAL(12,2),
            properties JSON,
            created_at TIMESTAMPTZ NOT NULL)
        """;

    private static readonly string[] s_types = ["click", "view", "purchase", "signup", "a-much-longer-event-type"];

    private static readonly long s_baseMicros = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public static long UserId(long i) => (i * 7919) % 100_003;

    public static string EventType(long i) => s_types[i % s_types.Length];

    /// <summary>NULL for every 10th row; otherwise cents between -5000.00 and 995000.00.</summary>
    public static decimal? Amount(long i) => i % 10 == 3 ? null : ((i * 104_729) % 100_000_000 - 500_000) / 100m;

    /// <summary>NULL for every 5th row; short or long JSON otherwise.</summary>
    public static string? Properties(long i) => (i % 5) switch
    {
        0 => null,
        1 => "{}",
        _ => $$"""{"page":"/products/{{i % 977}}","ref":"campaign-{{i % 13}}","n":{{i}}}""",
    };

    public static long CreatedAtMicros(long i) => s_baseMicros + (i * 1_000_003);

    /// <summary>The same rows computed by DuckDB, for an independent comparison.</summary>
    public static string GenerateSql(long rows) => $$"""
        SELECT i AS id,
               (i * 7919) % 100003 AS user_id,
               ['click', 'view', 'purchase', 'signup', 'a-much-longer-event-type'][1 + i % 5] AS event_type,
               CASE WHEN i % 10 = 3 THEN NULL ELSE ((((i * 104729) % 100000000) - 500000)::DECIMAL(18,0) * 0.01)::DECIMAL(12,2) END AS amount,
               (CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '{}'
                    ELSE '{"page":"/products/' || (i % 977) || '","ref":"campaign-' || (i % 13) || '","n":' || i || '}' END)::JSON AS properties,
               TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 1000003) AS created_at
        FROM range({{rows}}) t(i)
        """;

    public static DateTimeOffset CreatedAt(long i) => DateTimeOffset.UnixEpoch.AddTicks(CreatedAtMicros(i) * 10);
}
