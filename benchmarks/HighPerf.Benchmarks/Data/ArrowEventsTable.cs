using System.Text;
using HighPerf.Data.Arrow;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// The reference events table as one record batch: id int64, user_id int64, event_type utf8, amount
/// decimal(12, 2) nullable, properties utf8 nullable (small JSON objects), created_at timestamp[us, UTC].
/// Made from a fixed seed, so every run measures the same bytes.
/// </summary>
public static class ArrowEventsTable
{
    /// <summary>The sample's events table as Arrow (its bulk loader's batches).</summary>
    public static Schema Schema { get; } = HighPerf.Sample.Events.EventBatch.Schema;

    private static readonly string[] s_eventTypes = ["page_view", "click", "add_to_cart", "purchase", "search", "login", "logout", "share"];
    private static readonly string[] s_pages = ["/", "/products", "/cart", "/checkout", "/account", "/search"];

    public static RecordBatch Create(int rows, int seed = 42)
    {
        var random = new Random(seed);
        using var ids = new Int64ArrayBuilder();
        using var users = new Int64ArrayBuilder();
        using var types = new StringArrayBuilder();
        using var amounts = new Decimal128ArrayBuilder(12, 2);
        using var properties = new StringArrayBuilder();
        using var created = new TimestampArrayBuilder(ArrowTimeUnit.Microsecond, "UTC");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var text = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            ids.Append(i + 1L);
            users.Append(random.NextInt64(1, 100_000));
            var type = s_eventTypes[random.Next(s_eventTypes.Length)];
            types.Append(type);
            if (type == "purchase" || random.Next(10) < 6)
            {
                amounts.Append((Int128)random.NextInt64(100, 10_000_000));
            }
            else
            {
                amounts.AppendNull();
            }

            if (random.Next(10) < 3)
            {
                properties.AppendNull();
            }
            else
            {
                text.Clear();
                text.Append("{\"page\":\"").Append(s_pages[random.Next(s_pages.Length)])
                    .Append("\",\"session\":").Append(random.Next(1_000_000))
                    .Append(",\"mobile\":").Append(random.Next(2) == 0 ? "false" : "true").Append('}');
                properties.Append(text.ToString());
            }

            created.Append(start + (i * 31_000L) + random.Next(1000));
        }

        return new RecordBatch(Schema, [ids.Build(), users.Build(), types.Build(), amounts.Build(), properties.Build(), created.Build()], rows);
    }
}
