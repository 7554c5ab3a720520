using System.Buffers;
using System.Text.Json;
using HighPerf.Data;

namespace HighPerf.Sample.Events;

/// <summary>Single-event writes and the reads of the events endpoints, on prepared statements with bound values.</summary>
internal sealed class EventQueries(EventStore store)
{
    private const string Insert = "INSERT INTO events (" + EventSchema.Columns + ") VALUES ($1, $2, $3, $4, $5, $6)";
    private const string ById = "SELECT " + EventSchema.Columns + " FROM events WHERE id = $1";
    private const string ByUser = "SELECT " + EventSchema.Columns + " FROM events WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";

    /// <summary>Stores one event and returns its id.</summary>
    internal async Task<long> InsertAsync(EventFields row, CancellationToken cancellationToken)
    {
        using var writer = await store.EnterWriterAsync(cancellationToken);
        var id = writer.NextId;
        using (var connection = await store.Database.OpenConnectionAsync(cancellationToken))
        using (var statement = connection.Prepare(Insert))
        {
            statement.Bind(1, id).Bind(2, row.UserId).Bind(3, EventTypeNames.All[row.TypeIndex]);
            _ = row.Amount is { } amount ? statement.Bind(4, amount) : statement.BindNull(4);
            _ = row.HasProperties ? statement.BindUtf8(5, row.Properties.ToArray()) : statement.BindNull(5);
            statement.Bind(6, row.CreatedAt ?? EventAppend.Now());
            statement.Execute(cancellationToken);
        }

        writer.Committed(id);
        return id;
    }

    /// <summary>Writes the event with <paramref name="id"/> as a JSON object; <see langword="false"/> when there is none.</summary>
    internal bool WriteById(long id, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        store.EnsureCreated();
        using var connection = store.Database.OpenConnection(cancellationToken);
        using var statement = connection.Prepare(ById);
        statement.Bind(1, id);
        using var result = statement.Query(cancellationToken);
        if (!result.ReadChunk())
        {
            return false;
        }

        using var json = new Utf8JsonWriter(output);
        EventJsonWriter.Write(json, result.Chunk, 0);
        return true;
    }

    /// <summary>
    /// Writes <c>{items, next_after_id}</c>: up to <paramref name="limit"/> of the user's events with ids below
    /// <paramref name="afterId"/>, newest first. One row more than the page is read to know whether another page follows.
    /// </summary>
    internal void WriteUserPage(long userId, long afterId, int limit, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        store.EnsureCreated();
        using var connection = store.Database.OpenConnection(cancellationToken);
        using var statement = connection.Prepare(ByUser);
        statement.Bind(1, userId).Bind(2, afterId).Bind(3, (long)limit + 1);
        using var result = statement.Query(cancellationToken);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartArray("items"u8);
        var written = 0;
        long lastId = 0;
        var more = false;
        while (!more && result.ReadChunk())
        {
            var chunk = result.Chunk;
            var ids = chunk.GetColumn(0).GetValues<long>();
            for (var row = 0; row < chunk.RowCount; row++)
            {
                if (written == limit)
                {
                    more = true;
                    break;
                }

                EventJsonWriter.Write(json, chunk, row);
                lastId = ids[row];
                written++;
            }
        }

        json.WriteEndArray();
        if (more)
        {
            json.WriteNumber("next_after_id"u8, lastId);
        }
        else
        {
            json.WriteNull("next_after_id"u8);
        }

        json.WriteNumber("count"u8, written);
        json.WriteEndObject();
    }
}
