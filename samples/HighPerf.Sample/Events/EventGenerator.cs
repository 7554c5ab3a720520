using System.Globalization;
using System.Text.Json;

namespace HighPerf.Sample.Events;

/// <summary>
/// The deterministic demo data set of user events: a fixed seed, a few users with many events,
/// and funnel stages in realistic proportions. Each event is computed from its id alone into a
/// struct, so it goes straight to JSON or to the store's appender: no per-row objects.
/// </summary>
internal static class EventGenerator
{
    internal static readonly string[] EventTypes = EventTypeNames.All;

    private static readonly string[] s_sources = ["search", "ads", "direct", "email", "social"];

    // 2026-01-01T00:00:00Z; a fixed origin keeps the data set byte-identical run to run.
    private static readonly DateTime s_origin = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const ulong Seed = 0x5EED_2026_0000_0001UL;

    /// <summary>The number of users a data set of <paramref name="rows"/> events is spread over by default.</summary>
    internal static long DefaultUsers(long rows) => Math.Max(100, rows / 20);

    /// <summary>Computes event <paramref name="id"/> of a data set of <paramref name="rows"/> events over <paramref name="users"/> users.</summary>
    internal static GeneratedEvent Generate(long id, long rows, long users)
    {
        var random = new SplitMix64(Seed ^ (ulong)id * 0x9E3779B97F4A7C15UL);

        // Cubing a uniform draw skews activity towards low ids: a few users have many events.
        var u = random.NextDouble();
        var userId = 1 + (long)(users * u * u * u);

        var stage = random.NextDouble();
        var typeIndex = stage switch
        {
            < 0.60 => 0,
            < 0.70 => 1,
            < 0.85 => 2,
            < 0.94 => 3,
            _ => 4,
        };

        var createdAt = s_origin.AddTicks((long)(TimeSpan.TicksPerDay * 30 * ((double)(id - 1) / rows)) / 10 * 10);
        var amount = typeIndex == 4 ? decimal.Round(5m + (decimal)(random.NextDouble() * 495), 2) : (decimal?)null;
        var source = (int)(random.Next() % (ulong)s_sources.Length);
        var page = (int)(random.Next() % 500);
        return new GeneratedEvent(id, userId, typeIndex, amount, source, page, createdAt);
    }

    /// <summary>Writes event <paramref name="id"/> of <paramref name="rows"/> as a JSON object (no enclosing array).</summary>
    internal static void WriteEvent(Utf8JsonWriter writer, long id, long rows)
    {
        var e = Generate(id, rows, DefaultUsers(rows));
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, e.Id);
        writer.WriteNumber("user_id"u8, e.UserId);
        writer.WriteString("event_type"u8, EventTypes[e.TypeIndex]);
        if (e.Amount is { } amount)
        {
            writer.WriteNumber("amount"u8, amount);
        }
        else
        {
            writer.WriteNull("amount"u8);
        }

        writer.WriteStartObject("properties"u8);
        writer.WriteString("source"u8, s_sources[e.SourceIndex]);
        writer.WriteNumber("page"u8, e.Page);
        writer.WriteEndObject();
        writer.WriteString("created_at"u8, e.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    /// <summary>Writes the event's <c>properties</c> object as compact JSON into <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    internal static int WriteProperties(in GeneratedEvent e, Span<byte> destination)
    {
        // {"source":"...","page":N}: ASCII only, at most 40 bytes.
        var written = 0;
        Append(destination, ref written, "{\"source\":\""u8);
        var source = s_sources[e.SourceIndex];
        for (var i = 0; i < source.Length; i++)
        {
            destination[written++] = (byte)source[i];
        }

        Append(destination, ref written, "\",\"page\":"u8);
        e.Page.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        destination[written++] = (byte)'}';
        return written;
    }

    private static void Append(Span<byte> destination, ref int written, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[written..]);
        written += bytes.Length;
    }

    /// <summary>A tiny, stable PRNG (SplitMix64): the same sequence on every runtime and platform.</summary>
    private struct SplitMix64(ulong state)
    {
        public ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>One generated event, by value.</summary>
internal readonly record struct GeneratedEvent(long Id, long UserId, int TypeIndex, decimal? Amount, int SourceIndex, int Page, DateTime CreatedAt);
