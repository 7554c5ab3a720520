using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HighPerf.Sample.Events;
using HighPerf.Sample.Infrastructure;

namespace HighPerf.Sample.Endpoints;

/// <summary>
/// <c>GET /samples/benchmark/{size}</c>: generates <c>size</c> events straight into pooled column arrays (no
/// per-row objects), aggregates them column by column, and returns the time of each stage.
/// </summary>
internal static class BenchmarkEndpoint
{
    internal const int MaxSize = 10_000_000;

    internal static void MapBenchmarkEndpoint(this IEndpointRouteBuilder app) => app.MapGet("/samples/benchmark/{size}", Run);

    private static IResult Run(string size)
    {
        if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows is < 1 or > MaxSize)
        {
            return SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", $"size must be an integer from 1 to {MaxSize}.");
        }

        var users = ArrayPool<long>.Shared.Rent(rows);
        var types = ArrayPool<byte>.Shared.Rent(rows);
        var amounts = ArrayPool<long>.Shared.Rent(rows);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var userCount = EventGenerator.DefaultUsers(rows);
            for (var i = 0; i < rows; i++)
            {
                var e = EventGenerator.Generate(i + 1, rows, userCount);
                users[i] = e.UserId;
                types[i] = (byte)e.TypeIndex;

                // Cents: the aggregation sums integers, exact and vectorizable.
                amounts[i] = e.Amount is { } amount ? (long)(amount * 100) : 0;
            }

            var generated = Stopwatch.GetTimestamp();
            Span<long> counts = stackalloc long[5];
            Span<long> cents = stackalloc long[5];
            long maxUser = 0;
            var typeColumn = types.AsSpan(0, rows);
            var amountColumn = amounts.AsSpan(0, rows);
            for (var i = 0; i < typeColumn.Length; i++)
            {
                counts[typeColumn[i]]++;
                cents[typeColumn[i]] += amountColumn[i];
            }

            foreach (var user in users.AsSpan(0, rows))
            {
                maxUser = Math.Max(maxUser, user);
            }

            var aggregated = Stopwatch.GetTimestamp();
            var output = new ArrayBufferWriter<byte>(1024);
            using (var json = new Utf8JsonWriter(output))
            {
                var generateMs = Stopwatch.GetElapsedTime(started, generated).TotalMilliseconds;
                var aggregateMs = Stopwatch.GetElapsedTime(generated, aggregated).TotalMilliseconds;
                json.WriteStartObject();
                json.WriteNumber("size"u8, rows);
                json.WriteStartObject("stages"u8);
                json.WriteNumber("generate_ms"u8, Math.Round(generateMs, 3));
                json.WriteNumber("aggregate_ms"u8, Math.Round(aggregateMs, 3));
                json.WriteEndObject();
                json.WriteNumber("total_ms"u8, Math.Round(generateMs + aggregateMs, 3));
                json.WriteNumber("rows_per_second"u8, Math.Round(rows / Math.Max((generateMs + aggregateMs) / 1000, 1e-9)));
                json.WriteNumber("max_user_id"u8, maxUser);
                json.WriteStartObject("event_types"u8);
                for (var t = 0; t < 5; t++)
                {
                    json.WriteStartObject(EventTypeNames.Utf8(t));
                    json.WriteNumber("count"u8, counts[t]);
                    json.WriteNumber("total_amount"u8, cents[t] / 100m);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            return new JsonBytesResult(output, StatusCodes.Status200OK, null);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(users);
            ArrayPool<byte>.Shared.Return(types);
            ArrayPool<long>.Shared.Return(amounts);
        }
    }
}
