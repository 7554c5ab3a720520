using System.Globalization;
using HighPerf.Data.DataSets;
using HighPerf.Sample.Api.Errors;
using HighPerf.Sample.Api.Http;
using HighPerf.Sample.Api.Json;
using Microsoft.AspNetCore.Http.Features;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/high-performance/stream-arrow-batches/{schema_name}?strategy=offset|keyset&amp;batch_size=</c>: the
/// whole data set as an Arrow IPC stream, page by page, each record batch written and flushed to the response as
/// it is read and then freed, so memory stays bounded whatever the size.
/// </summary>
/// <remarks>
/// A binary body has no room for <c>performance_metrics</c>. What is known before the first byte is in headers
/// (<c>X-Strategy</c>, <c>X-Batch-Size</c>, <c>X-Total-Rows</c>: the count when the stream started); what is known
/// only at the end goes in trailers when the protocol has them (HTTP/2 and HTTP/3: <c>X-Rows</c>, <c>X-Pages</c>,
/// <c>X-Bytes</c>, <c>X-Duration-Ms</c>, <c>X-Throughput-Rps</c>, <c>X-Method</c>, <c>X-Memory-Usage-Mb</c>) and in the
/// log in any case.
/// </remarks>
internal static partial class StreamEndpoint
{
    internal const int DefaultBatchSize = 10_000;

    private static readonly string[] s_trailers = ["X-Rows", "X-Pages", "X-Bytes", "X-Duration-Ms", "X-Throughput-Rps", "X-Method", "X-Memory-Usage-Mb"];

    internal static void MapStreamEndpoint(this IEndpointRouteBuilder api) => api.MapGet("/stream-arrow-batches/{schema_name}", StreamAsync);

    private static async Task<IResult> StreamAsync(string schema_name, string? strategy, string? batch_size, HttpContext context, DataSetRegistry registry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        DataSetStreamStrategy mode;
        switch (strategy)
        {
            case null or "" or "offset": mode = DataSetStreamStrategy.Offset; break;
            case "keyset": mode = DataSetStreamStrategy.Keyset; break;
            default: return DataSetProblems.Invalid("strategy must be 'offset' or 'keyset'.");
        }

        if (!QueryParameters.TryParseInt(batch_size, 1, DataSetRegistry.MaxStreamBatchSize, DefaultBatchSize, out var pageSize))
        {
            return DataSetProblems.Invalid(QueryParameters.Range("batch_size", 1, DataSetRegistry.MaxStreamBatchSize));
        }

        // Unknown data sets fail here, before any header of the stream is set.
        var total = await registry.CountAsync(schema_name, cancellationToken);
        var response = context.Response;
        var method = mode == DataSetStreamStrategy.Keyset ? "arrow_ipc_keyset_pages" : "arrow_ipc_offset_pages";
        var trailers = response.SupportsTrailers();
        if (trailers)
        {
            foreach (var name in s_trailers)
            {
                response.DeclareTrailer(name);
            }
        }

        response.Headers["X-Strategy"] = mode == DataSetStreamStrategy.Keyset ? "keyset" : "offset";
        response.Headers["X-Batch-Size"] = pageSize.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Total-Rows"] = total.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";

        // The registry writes nothing before its own checks pass (keyset needs a single-column key), so a refusal is still a 400.
        response.ContentType = ApiRoutes.ArrowStreamMediaType;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var result = await registry.StreamArrowAsync(schema_name, mode, pageSize, response.Body, cancellationToken);

        var metrics = PerformanceMetrics.Measure(method, result.Rows, result.Duration);
        if (trailers)
        {
            response.AppendTrailer("X-Rows", result.Rows.ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer("X-Pages", result.Pages.ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer("X-Bytes", result.Bytes.ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer("X-Duration-Ms", metrics.DurationMs.ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer("X-Throughput-Rps", metrics.ThroughputRps.ToString(CultureInfo.InvariantCulture));
            response.AppendTrailer("X-Method", method);
            response.AppendTrailer("X-Memory-Usage-Mb", metrics.MemoryUsageMb.ToString(CultureInfo.InvariantCulture));
        }

        LogStreamed(loggers.CreateLogger(typeof(StreamEndpoint)), schema_name, method, result.Rows, result.Pages, result.Bytes, metrics.DurationMs, metrics.MemoryUsageMb);
        return Results.Empty;
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Streamed data set {Schema} by {Method}: {Rows} rows in {Pages} pages, {Bytes} bytes, {DurationMs} ms, {MemoryUsageMb} MiB resident")]
    private static partial void LogStreamed(ILogger logger, string schema, string method, long rows, int pages, long bytes, double durationMs, double memoryUsageMb);
}
