using System.Buffers;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Sample.Events;

namespace HighPerf.Sample.Analytics;

/// <summary>
/// The analytics endpoints' SQL on DuckDB. The window is the <c>days</c> days up to the newest event in
/// the store (not up to today), so the deterministic demo data set, dated from 2026-01-01, stays
/// analyzable whatever the date; <c>from</c> and <c>to</c> in the response say which window it was.
/// </summary>
internal sealed class EventAnalytics(EventStore store)
{
    private const string Window = """
        WITH bounds AS (SELECT max(created_at) AS hi FROM events),
        w AS (SELECT e.* FROM events e, bounds b WHERE e.created_at > b.hi - to_days(CAST($1 AS INTEGER)) AND e.created_at <= b.hi)
        """;

    private const string Summary = Window + """
        SELECT event_type, count(*) AS n, count(DISTINCT user_id) AS users, coalesce(sum(amount), 0) AS total
        FROM w GROUP BY event_type
        """;

    private const string PerDay = Window + """
        SELECT CAST(date_trunc('day', created_at) AS DATE) AS day, count(*) AS n FROM w GROUP BY day ORDER BY day
        """;

    private const string Bounds = Window + "SELECT epoch_us(min(created_at)), epoch_us(max(created_at)), count(*), count(DISTINCT user_id) FROM w";

    // A user reaches a stage having reached every earlier one: bit k of the mask is "has an event of stage k".
    private const string Funnel = Window + """
        , u AS (
            SELECT user_id,
                   bool_or(event_type = 'page_view') AS s0, bool_or(event_type = 'signup') AS s1,
                   bool_or(event_type = 'add_to_cart') AS s2, bool_or(event_type = 'checkout') AS s3,
                   bool_or(event_type = 'purchase') AS s4
            FROM w GROUP BY user_id)
        SELECT count(*) FILTER (WHERE s0),
               count(*) FILTER (WHERE s0 AND s1),
               count(*) FILTER (WHERE s0 AND s1 AND s2),
               count(*) FILTER (WHERE s0 AND s1 AND s2 AND s3),
               count(*) FILTER (WHERE s0 AND s1 AND s2 AND s3 AND s4)
        FROM u
        """;

    /// <summary>Writes the summary: per event type <c>count</c>, <c>distinct_users</c>, <c>total_amount</c>; and <c>per_day</c> counts.</summary>
    internal void WriteSummary(int days, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        store.EnsureCreated();
        using var connection = store.Database.OpenConnection(cancellationToken);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("days"u8, days);
        var total = WriteBounds(connection, days, json, cancellationToken);
        json.WriteNumber("total_events"u8, total);

        Span<long> counts = stackalloc long[5];
        Span<long> users = stackalloc long[5];
        Span<decimal> amounts = stackalloc decimal[5];
        using (var statement = connection.Prepare(Summary))
        {
            statement.Bind(1, days);
            using var result = statement.Query(cancellationToken);
            while (result.ReadChunk())
            {
                var chunk = result.Chunk;
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    var type = EventTypeNames.IndexOf(chunk.GetColumn(0).GetBytes(row));
                    if (type >= 0)
                    {
                        counts[type] = chunk.GetColumn(1).Get<long>(row);
                        users[type] = chunk.GetColumn(2).Get<long>(row);
                        amounts[type] = chunk.GetColumn(3).Get<decimal>(row);
                    }
                }
            }
        }

        json.WriteStartObject("event_types"u8);
        for (var i = 0; i < 5; i++)
        {
            json.WriteStartObject(EventTypeNames.Utf8(i));
            json.WriteNumber("count"u8, counts[i]);
            json.WriteNumber("distinct_users"u8, users[i]);
            json.WriteNumber("total_amount"u8, amounts[i]);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("per_day"u8);
        using (var statement = connection.Prepare(PerDay))
        {
            statement.Bind(1, days);
            using var result = statement.Query(cancellationToken);
            Span<byte> text = stackalloc byte[16];
            while (result.ReadChunk())
            {
                var chunk = result.Chunk;
                var day = chunk.GetColumn(0).GetValues<int>();
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    json.WriteStartObject();
                    DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + day[row]).TryFormat(text, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    json.WriteString("day"u8, text[..written]);
                    json.WriteNumber("count"u8, chunk.GetColumn(1).Get<long>(row));
                    json.WriteEndObject();
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the funnel: for each stage in order, <c>users</c>, <c>conversion_from_previous</c> and <c>conversion_from_first</c>.</summary>
    internal void WriteFunnel(int days, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        store.EnsureCreated();
        using var connection = store.Database.OpenConnection(cancellationToken);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("days"u8, days);
        WriteBounds(connection, days, json, cancellationToken);

        Span<long> reached = stackalloc long[5];
        using (var statement = connection.Prepare(Funnel))
        {
            statement.Bind(1, days);
            using var result = statement.Query(cancellationToken);
            if (result.ReadChunk())
            {
                for (var i = 0; i < 5; i++)
                {
                    reached[i] = result.Chunk.GetColumn(i).Get<long>(0);
                }
            }
        }

        json.WriteStartArray("stages"u8);
        for (var i = 0; i < 5; i++)
        {
            json.WriteStartObject();
            json.WriteString("stage"u8, EventTypeNames.Utf8(i));
            json.WriteNumber("users"u8, reached[i]);
            json.WriteNumber("conversion_from_previous"u8, Ratio(reached[i], i == 0 ? reached[0] : reached[i - 1]));
            json.WriteNumber("conversion_from_first"u8, Ratio(reached[i], reached[0]));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 6);

    /// <summary>Writes <c>from</c>, <c>to</c> and <c>distinct_users</c> of the window; returns its event count.</summary>
    private static long WriteBounds(DuckDbConnection connection, int days, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        using var statement = connection.Prepare(Bounds);
        statement.Bind(1, days);
        using var result = statement.Query(cancellationToken);
        long count = 0;
        if (result.ReadChunk() && !result.Chunk.GetColumn(0).IsNull(0))
        {
            var chunk = result.Chunk;
            EventJsonWriter.WriteTimestamp(json, "from"u8, chunk.GetColumn(0).Get<long>(0));
            EventJsonWriter.WriteTimestamp(json, "to"u8, chunk.GetColumn(1).Get<long>(0));
            count = chunk.GetColumn(2).Get<long>(0);
            json.WriteNumber("distinct_users"u8, chunk.GetColumn(3).Get<long>(0));
        }
        else
        {
            json.WriteNull("from"u8);
            json.WriteNull("to"u8);
            json.WriteNumber("distinct_users"u8, 0);
        }

        return count;
    }
}
