using System.Buffers;
using System.Text.Json;

namespace HighPerf.Sample.Events;

/// <summary>What reading one event object came to.</summary>
internal enum ReadStatus
{
    /// <summary>The object was read whole and is valid.</summary>
    Done,

    /// <summary>The buffer ends inside the object: rewind to its start and read again with more bytes.</summary>
    NeedMoreData,

    /// <summary>The object is not a valid event; the error says why.</summary>
    Invalid,
}

/// <summary>
/// Reads one event object with <see cref="Utf8JsonReader"/>, validating each field as it goes, into an
/// <see cref="EventFields"/> value: no DOM, no per-row object. Unknown fields (such as a client's
/// <c>id</c>, which the store generates) are skipped.
/// </summary>
internal static class EventJsonReader
{
    // Kept in ticks so truncation to DuckDB's microseconds is one modulo.
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// Reads the fields of the object whose <c>StartObject</c> the reader is on, up to and including its
    /// <c>EndObject</c>. <paramref name="input"/> is the sequence the reader reads, for slicing out
    /// <c>properties</c> without a copy.
    /// </summary>
    internal static ReadStatus Read(ref Utf8JsonReader reader, in ReadOnlySequence<byte> input, out EventFields row, out string? error)
    {
        row = default;
        row.TypeIndex = -1;
        error = null;
        var hasUserId = false;
        while (true)
        {
            if (!reader.Read())
            {
                return ReadStatus.NeedMoreData;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            // Inside an object every other token is a property name.
            var field = Field(ref reader);
            if (!reader.Read())
            {
                return ReadStatus.NeedMoreData;
            }

            switch (field)
            {
                case FieldId.UserId:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out row.UserId) || row.UserId <= 0)
                    {
                        error = "user_id must be a positive integer.";
                        return ReadStatus.Invalid;
                    }

                    hasUserId = true;
                    break;

                case FieldId.EventType:
                    row.TypeIndex = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
                        ? EventTypeNames.IndexOf(reader.ValueSpan)
                        : reader.TokenType == JsonTokenType.String ? EventTypeNames.IndexOf(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!)) : -1;
                    if (row.TypeIndex < 0)
                    {
                        error = "event_type must be one of page_view, signup, add_to_cart, checkout, purchase.";
                        return ReadStatus.Invalid;
                    }

                    break;

                case FieldId.Amount:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        row.Amount = null;
                    }
                    else if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var amount) || !FitsAmount(amount))
                    {
                        error = "amount must be null or a number with at most 10 digits before the point and 2 after it.";
                        return ReadStatus.Invalid;
                    }
                    else
                    {
                        row.Amount = amount;
                    }

                    break;

                case FieldId.Properties:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        row.HasProperties = false;
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        error = "properties must be a JSON object or null.";
                        return ReadStatus.Invalid;
                    }

                    var start = reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        return ReadStatus.NeedMoreData;
                    }

                    var length = reader.BytesConsumed - start;
                    if (length > EventSchema.MaxPropertiesBytes)
                    {
                        error = $"properties must be at most {EventSchema.MaxPropertiesBytes} bytes of JSON; it has {length}.";
                        return ReadStatus.Invalid;
                    }

                    row.Properties = input.Slice(start, length);
                    row.HasProperties = true;
                    break;

                case FieldId.CreatedAt:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        row.CreatedAt = null;
                    }
                    else if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var createdAt))
                    {
                        error = "created_at must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z.";
                        return ReadStatus.Invalid;
                    }
                    else
                    {
                        // DuckDB keeps microseconds; the value stored is the value returned.
                        row.CreatedAt = createdAt.ToUniversalTime().AddTicks(-(createdAt.Ticks % TicksPerMicrosecond));
                    }

                    break;

                default:
                    if (!reader.TrySkip())
                    {
                        return ReadStatus.NeedMoreData;
                    }

                    break;
            }
        }

        if (!hasUserId)
        {
            error = "user_id is required.";
            return ReadStatus.Invalid;
        }

        if (row.TypeIndex < 0)
        {
            error = "event_type is required.";
            return ReadStatus.Invalid;
        }

        return ReadStatus.Done;
    }

    /// <summary>DECIMAL(12, 2): |value| below 10^10, at most two decimal places.</summary>
    internal static bool FitsAmount(decimal value) =>
        Math.Abs(value) < 10_000_000_000m && decimal.Round(value, 2) == value;

    private static FieldId Field(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return reader.GetString() switch
            {
                "user_id" => FieldId.UserId,
                "event_type" => FieldId.EventType,
                "amount" => FieldId.Amount,
                "properties" => FieldId.Properties,
                "created_at" => FieldId.CreatedAt,
                _ => FieldId.Other,
            };
        }

        var name = reader.ValueSpan;
        return name.SequenceEqual("user_id"u8) ? FieldId.UserId
            : name.SequenceEqual("event_type"u8) ? FieldId.EventType
            : name.SequenceEqual("amount"u8) ? FieldId.Amount
            : name.SequenceEqual("properties"u8) ? FieldId.Properties
            : name.SequenceEqual("created_at"u8) ? FieldId.CreatedAt
            : FieldId.Other;
    }

    private enum FieldId
    {
        Other,
        UserId,
        EventType,
        Amount,
        Properties,
        CreatedAt,
    }
}
