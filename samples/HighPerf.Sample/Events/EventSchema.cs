namespace HighPerf.Sample.Events;

/// <summary>The events table of the data model, on embedded DuckDB.</summary>
internal static class EventSchema
{
    internal const string Table = "events";

    /// <summary>The columns in table order, which is the order the appender writes them.</summary>
    internal const string Columns = "id, user_id, event_type, amount, properties, created_at";

    /// <summary>The largest <c>properties</c> object accepted, in bytes of its JSON text.</summary>
    internal const int MaxPropertiesBytes = 16 * 1024;

    // id has no PRIMARY KEY index: ids come from the store's single writer (EventStore.Writer), so they
    // are unique by construction, and an ART index would cost every bulk insert a sort. Rows land in id
    // order, so DuckDB's min/max zone maps still prune by id.
    internal const string Create = """
        CREATE TABLE IF NOT EXISTS events (
            id BIGINT NOT NULL,
            user_id BIGINT NOT NULL CHECK (user_id > 0),
            event_type VARCHAR NOT NULL CHECK (event_type IN ('page_view', 'signup', 'add_to_cart', 'checkout', 'purchase')),
            amount DECIMAL(12, 2),
            properties JSON,
            created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
        )
        """;
}
