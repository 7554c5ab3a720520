using System.Diagnostics;
using System.Text.Json;
using HighPerf.Data.DataSets;
using HighPerf.Sample.Api.Errors;
using HighPerf.Sample.Api.Http;
using HighPerf.Sample.Api.Json;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/high-performance/query-optimized/{schema_name}?filters={json}&amp;limit=&amp;analysis=summary</c>: the
/// filtered rows (equals, <c>in</c>, <c>gte/lte/gt/lt</c>) written as JSON straight from the result's Arrow columns to
/// the response, with the summary of every matching row when asked for.
/// </summary>
internal static class QueryEndpoint
{
    private const int FlushThreshold = 32 * 1024;

    internal static void MapQueryEndpoint(this IEndpointRouteBuilder api) => api.MapGet("/query-optimized/{schema_name}", QueryAsync);

    private static async Task<IResult> QueryAsync(string schema_name, string? filters, string? limit, string? analysis, HttpContext context, DataSetRegistry registry, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // The registry checks the range against its MaxQueryRows; here only that it is a number.
        if (!QueryParameters.TryParseInt(limit, 1, int.MaxValue, 100, out var rows))
        {
            return DataSetProblems.Invalid("limit must be a positive integer.");
        }

        var summarize = analysis switch
        {
            null or "" => false,
            "summary" => true,
            _ => (bool?)null,
        };
        if (summarize is null)
        {
            return DataSetProblems.Invalid("analysis must be 'summary' or left out.");
        }

        using var result = await registry.QueryAsync(schema_name, filters, rows, summarize.Value, cancellationToken);
        var jsonColumns = new bool[result.Definition.Columns.Count];
        for (var i = 0; i < jsonColumns.Length; i++)
        {
            jsonColumns[i] = result.Definition.Columns[i].Type.Kind == DataSetTypeKind.Json;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("schema"u8, result.Definition.Name);
            json.WriteStartArray("rows"u8);
            if (result.Batches.Count > 0)
            {
                var rowWriter = new ArrowRowJsonWriter(result.Batches[0].Schema, jsonColumns);
                foreach (var batch in result.Batches)
                {
                    for (var row = 0; row < batch.Length; row++)
                    {
                        rowWriter.WriteRow(json, batch, row);
                        if (json.BytesPending > FlushThreshold)
                        {
                            json.Flush();
                            await body.FlushAsync(cancellationToken);
                        }
                    }
                }
            }

            json.WriteEndArray();
            json.WriteNumber("row_count"u8, result.RowCount);
            if (result.Summary is { } summary)
            {
                json.WritePropertyName("analysis"u8);
                AnalysisJsonWriter.Write(json, summary);
            }

            json.WriteNumber("query_ms"u8, Math.Round(result.Duration.TotalMilliseconds, 3));
            PerformanceMetrics.Measure("duckdb_query_arrow_to_json", result.RowCount, Stopwatch.GetElapsedTime(started)).Write(json);
            json.WriteEndObject();
        }

        return Results.Empty;
    }
}
