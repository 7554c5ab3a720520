using System.Globalization;
using System.Text.Json;
using HighPerf.Data;

namespace HighPerf.Sample.Events;

/// <summary>Writes events from DuckDB's vectors (columns in <see cref="EventSchema.Columns"/> order) as JSON objects.</summary>
internal static class EventJsonWriter
{
    /// <summary>Writes row <paramref name="row"/> of <paramref name="chunk"/>.</summary>
    internal static void Write(Utf8JsonWriter writer, DuckDbChunk chunk, int row)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, chunk.GetColumn(0).GetValues<long>()[row]);
        writer.WriteNumber("user_id"u8, chunk.GetColumn(1).GetValues<long>()[row]);
        writer.WriteString("event_type"u8, chunk.GetColumn(2).GetBytes(row));
        var amount = chunk.GetColumn(3);
        if (amount.IsNull(row))
        {
            writer.WriteNull("amount"u8);
        }
        else
        {
            writer.WriteNumber("amount"u8, amount.Get<decimal>(row));
        }

        var properties = chunk.GetColumn(4);
        writer.WritePropertyName("properties"u8);
        if (properties.IsNull(row))
        {
            writer.WriteNullValue();
        }
        else
        {
            // Validated as a JSON object when it was stored.
            writer.WriteRawValue(properties.GetBytes(row), skipInputValidation: true);
        }

        WriteTimestamp(writer, "created_at"u8, chunk.GetColumn(5).GetValues<long>()[row]);
        writer.WriteEndObject();
    }

    /// <summary>Writes microseconds since the Unix epoch as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.</summary>
    internal static void WriteTimestamp(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long micros)
    {
        var value = DateTime.UnixEpoch.AddTicks(micros * 10);
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }
}
