using System.Text.Json;

namespace HighPerf.Sample.Events;

/// <summary>
/// The deterministic demo data set of user events: a fixed seed, a few users with many events,
/// and funnel stages in realistic proportions. Writes straight to JSON: no per-row objects.
/// </summary>
internal static class EventGenerator
{
    internal static readonly string[] EventTypes = ["page_view", "signup", "add_to_cart", "checkout", "purchase"];

    private static readonly string[] s_sources = ["search", "ads", "direct", "email", "social"];

    // 2026-01-01T00:00:00Z; a fixed origin keeps the data set byte-identical run to run.
    private static readonly DateTime s_origin = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const ulong Seed = 0x5EED_2026_0000_0001UL;

    /// <summary>Writes events <c>1..rows</c> as JSON objects (no enclosing array).</summary>
    internal static void WriteEvent(Utf8JsonWriter writer, long id, long rows)
    {
        var random = new SplitMix64(Seed ^ (ulong)id * 0x9E3779B97F4A7C15UL);
        var users = Math.Max(100, rows / 20);

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

        writer.WriteStartObject();
        writer.WriteNumber("id"u8, id);
        writer.WriteNumber("user_id"u8, userId);
        writer.WriteString("event_type"u8, EventTypes[typeIndex]);
        if (typeIndex == 4)
        {
            writer.WriteNumber("amount"u8, decimal.Round(5m + (decimal)(random.NextDouble() * 495), 2));
        }
        else
        {
            writer.WriteNull("amount"u8);
        }

        writer.WriteStartObject("properties"u8);
        writer.WriteString("source"u8, s_sources[(int)(random.Next() % (ulong)s_sources.Length)]);
        writer.WriteNumber("page"u8, (long)(random.Next() % 500));
        writer.WriteEndObject();
        writer.WriteString("created_at"u8, createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteEndObject();
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
