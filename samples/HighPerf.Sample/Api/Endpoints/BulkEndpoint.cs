using System.Buffers;
using System.Text.Json;
using HighPerf.Data.DataSets;
using HighPerf.Sample.Api.Http;
using HighPerf.Sample.Api.Json;
using HighPerf.Sample.Endpoints;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/high-performance/ultra-fast-bulk/{schema_name}</c>: a JSON array of records parsed as it arrives
/// straight into Arrow columns, or an Arrow IPC stream (<c>Content-Type: application/vnd.apache.arrow.stream</c>),
/// inserted all or nothing. The body limit is <see cref="ApiOptions.MaxBulkBodyBytes"/> (413 past it).
/// </summary>
internal static class BulkEndpoint
{
    internal static void MapBulkEndpoint(this IEndpointRouteBuilder api)
    {
        var limit = api.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBulkBodyBytes;
        api.MapPost("/ultra-fast-bulk/{schema_name}", InsertAsync).WithMetadata(new BodySizeLimit(limit));
    }

    private static async Task<IResult> InsertAsync(string schema_name, HttpContext context, DataSetRegistry registry, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        // The metadata has set this already where routing applies it; a host that does not still gets the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxBulkBodyBytes;
        }

        // The stream overload reads through a pipe of its own: when parsing fails half way, Kestrel's body reader is
        // left in a state it can drain (its own reader would still be mid-read, and the connection lost).
        var arrow = IsArrowStream(context.Request.ContentType);
        var result = arrow
            ? await registry.InsertArrowAsync(schema_name, context.Request.Body, cancellationToken)
            : await registry.InsertJsonAsync(schema_name, context.Request.Body, cancellationToken);

        var output = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("schema"u8, schema_name);
            json.WriteNumber("inserted"u8, result.Inserted);
            json.WriteNumber("duration_ms"u8, Math.Round(result.Duration.TotalMilliseconds, 3));
            json.WriteNumber("rows_per_second"u8, Math.Round(result.RowsPerSecond));
            json.WriteString("format"u8, arrow ? "arrow_ipc"u8 : "json"u8);
            PerformanceMetrics.Measure(arrow ? "arrow_ipc_scan_insert" : "json_stream_to_arrow_insert", result.Inserted, result.Duration).Write(json);
            json.WriteEndObject();
        }

        return new JsonBytesResult(output, StatusCodes.Status201Created, null);
    }

    private static bool IsArrowStream(string? contentType) =>
        contentType is not null && contentType.StartsWith(ApiRoutes.ArrowStreamMediaType, StringComparison.OrdinalIgnoreCase);
}
