using System.Text.Json.Serialization;

namespace HighPerf.Sample.Api.Json;

/// <summary>The body of <c>POST .../export-parquet/{schema_name}</c>: <c>{compression: zstd|snappy|gzip|none}</c>.</summary>
internal sealed record ExportRequest(string? Compression);

/// <summary>The body of <c>POST .../benchmark/{schema_name}</c>: <c>{rows: n}</c>.</summary>
internal sealed record BenchmarkRequest(int? Rows);

/// <summary>Source-generated JSON of the API's small request bodies and of the problem extensions it adds.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ExportRequest))]
[JsonSerializable(typeof(BenchmarkRequest))]
[JsonSerializable(typeof(long))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
