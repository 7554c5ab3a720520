using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using HighPerf.Data.DataSets;
using HighPerf.Sample.Api.Errors;
using HighPerf.Sample.Api.Json;
using HighPerf.Sample.Endpoints;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/high-performance/analyze/{schema_name}?type=summary|profile|quality</c>, computed in SQL on DuckDB:
/// summary (count, types, min/max/mean), profile (distinct counts, histograms, top values), quality (nulls,
/// duplicates on keys, type violations).
/// </summary>
internal static class AnalyzeEndpoint
{
    internal static void MapAnalyzeEndpoint(this IEndpointRouteBuilder api) => api.MapGet("/analyze/{schema_name}", AnalyzeAsync);

    private static async Task<IResult> AnalyzeAsync(string schema_name, string? type, DataSetRegistry registry, CancellationToken cancellationToken)
    {
        DataSetAnalysisKind kind;
        switch (type)
        {
            case null or "" or "summary": kind = DataSetAnalysisKind.Summary; break;
            case "profile": kind = DataSetAnalysisKind.Profile; break;
            case "quality": kind = DataSetAnalysisKind.Quality; break;
            default: return DataSetProblems.Invalid("type must be 'summary', 'profile' or 'quality'.");
        }

        var started = Stopwatch.GetTimestamp();
        var output = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("schema"u8, schema_name);
            long rows;
            switch (kind)
            {
                case DataSetAnalysisKind.Summary:
                    var summary = await registry.SummarizeAsync(schema_name, cancellationToken);
                    json.WriteString("type"u8, "summary"u8);
                    json.WritePropertyName("analysis"u8);
                    AnalysisJsonWriter.Write(json, summary);
                    rows = summary.RowCount;
                    break;
                case DataSetAnalysisKind.Profile:
                    var profile = await registry.ProfileAsync(schema_name, cancellationToken);
                    json.WriteString("type"u8, "profile"u8);
                    json.WritePropertyName("analysis"u8);
                    AnalysisJsonWriter.Write(json, profile);
                    rows = profile.RowCount;
                    break;
                default:
                    var quality = await registry.CheckQualityAsync(schema_name, cancellationToken);
                    json.WriteString("type"u8, "quality"u8);
                    json.WritePropertyName("analysis"u8);
                    AnalysisJsonWriter.Write(json, quality);
                    rows = quality.RowCount;
                    break;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            json.WriteNumber("duration_ms"u8, Math.Round(elapsed.TotalMilliseconds, 3));
            var method = kind switch
            {
                DataSetAnalysisKind.Summary => "duckdb_sql_summary",
                DataSetAnalysisKind.Profile => "duckdb_sql_profile",
                _ => "duckdb_sql_quality",
            };
            PerformanceMetrics.Measure(method, rows, elapsed).Write(json);
            json.WriteEndObject();
        }

        return new JsonBytesResult(output, StatusCodes.Status200OK, null);
    }
}
