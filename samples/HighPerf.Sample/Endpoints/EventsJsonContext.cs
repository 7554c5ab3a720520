using System.Text.Json.Serialization;

namespace HighPerf.Sample.Endpoints;

/// <summary>The body of a bulk insert or a seeding: <c>{inserted, duration_ms, rows_per_second}</c>.</summary>
internal sealed record BulkResponse(long Inserted, double DurationMs, double RowsPerSecond);

/// <summary>Source-generated JSON of the events, analytics and caching endpoints' responses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BulkResponse))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
