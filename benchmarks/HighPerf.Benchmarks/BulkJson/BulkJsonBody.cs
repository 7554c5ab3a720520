using System.Globalization;
using System.Text.Json;
using HighPerf.Sample.Events;

namespace HighPerf.Benchmarks.BulkJson;

/// <summary>
/// The body the bulk benchmark posts: a JSON array of the sample's deterministic demo events
/// (<see cref="EventGenerator"/>), as a client would send them, without ids (the store hands those out).
/// </summary>
internal static class BulkJsonBody
{
    public static void Write(string path, long rows)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true });
        var users = EventGenerator.DefaultUsers(rows);
        Span<byte> text = stackalloc byte[32];
        Span<byte> properties = stackalloc byte[64];
        writer.WriteStartArray();
        for (long id = 1; id <= rows; id++)
        {
            var e = EventGenerator.Generate(id, rows, users);
            writer.WriteStartObject();
            writer.WriteNumber("user_id"u8, e.UserId);
            writer.WriteString("event_type"u8, EventTypeNames.Utf8(e.TypeIndex));
            if (e.Amount is { } amount)
            {
                writer.WriteNumber("amount"u8, amount);
            }
            else
            {
                writer.WriteNull("amount"u8);
            }

            writer.WritePropertyName("properties"u8);
            writer.WriteRawValue(properties[..EventGenerator.WriteProperties(e, properties)], skipInputValidation: true);
            e.CreatedAt.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            writer.WriteString("created_at"u8, text[..written]);
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }
}
