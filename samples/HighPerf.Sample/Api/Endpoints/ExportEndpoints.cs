using System.Buffers;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Data.DataSets;
using HighPerf.Sample.Api.Errors;
using HighPerf.Sample.Api.Http;
using HighPerf.Sample.Api.Json;
using HighPerf.Sample.Endpoints;
using Microsoft.Extensions.Options;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/high-performance/export-parquet/{schema_name}</c> writes the data set to a Parquet file inside the
/// export folder; <c>GET /api/v1/high-performance/exports/{file_name}</c> downloads it. Only names the registry writes
/// are served, and only from that folder: anything else (path traversal included) is refused.
/// </summary>
internal static class ExportEndpoints
{
    internal const string ParquetMediaType = "application/vnd.apache.parquet";

    internal static void MapExportEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/export-parquet/{schema_name}", ExportAsync);
        api.MapGet("/exports/{file_name}", Download);
    }

    private static async Task<IResult> ExportAsync(string schema_name, HttpContext context, DataSetRegistry registry, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await RequestBodies.ReadSmallAsync(context.Request, options.Value.MaxSmallBodyBytes, cancellationToken);
        if (body is null)
        {
            return DataSetProblems.Invalid("The body must be a small JSON object {\"compression\": \"zstd|snappy|gzip|none\"}.");
        }

        string? codec = null;
        if (!RequestBodies.IsBlank(body))
        {
            try
            {
                codec = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ExportRequest)?.Compression;
            }
            catch (JsonException)
            {
                return DataSetProblems.Invalid("The body must be a JSON object {\"compression\": \"zstd|snappy|gzip|none\"}.");
            }
        }

        var compression = DataSetRegistry.ParseCompression(codec);
        var export = await registry.ExportParquetAsync(schema_name, compression, cancellationToken);
        var path = $"{ApiRoutes.ExportsPath}/{export.FileName}";
        var output = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("schema"u8, schema_name);
            json.WriteString("path"u8, path);
            json.WriteString("file"u8, export.FileName);
            json.WriteString("compression"u8, Name(compression));
            json.WriteNumber("rows"u8, export.Rows);
            json.WriteNumber("bytes"u8, export.Bytes);
            json.WriteNumber("duration_ms"u8, Math.Round(export.Duration.TotalMilliseconds, 3));
            PerformanceMetrics.Measure("duckdb_copy_to_parquet", export.Rows, export.Duration).Write(json);
            json.WriteEndObject();
        }

        return new JsonBytesResult(output, StatusCodes.Status201Created, path);
    }

    private static IResult Download(string file_name, DataSetRegistry registry) =>
        TypedResults.PhysicalFile(registry.ResolveExport(file_name), ParquetMediaType, file_name, enableRangeProcessing: true);

    private static string Name(ParquetCompression compression) => compression switch
    {
        ParquetCompression.Zstd => "zstd",
        ParquetCompression.Snappy => "snappy",
        ParquetCompression.Gzip => "gzip",
        _ => "none",
    };
}
