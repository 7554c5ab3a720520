using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using HighPerf.Sample.Api.Benchmark;
using HighPerf.Sample.Api.Errors;
using HighPerf.Sample.Api.Http;
using HighPerf.Sample.Api.Json;
using HighPerf.Sample.Endpoints;
using Microsoft.Extensions.Options;

namespace HighPerf.Sample.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/high-performance/benchmark/{schema_name}</c> with an optional <c>{rows: n}</c>: the naive and the
/// optimized insert of the same generated rows, both timings and the ratio (see <see cref="InsertBenchmark"/>).
/// </summary>
internal static class InsertBenchmarkEndpoint
{
    internal static void MapInsertBenchmarkEndpoint(this IEndpointRouteBuilder api) => api.MapPost("/benchmark/{schema_name}", RunAsync);

    private static async Task<IResult> RunAsync(string schema_name, HttpContext context, InsertBenchmark benchmark, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var limits = options.Value;
        var body = await RequestBodies.ReadSmallAsync(context.Request, limits.MaxSmallBodyBytes, cancellationToken);
        var rowsError = QueryParameters.Range("rows", 1, limits.MaxBenchmarkRows);
        if (body is null)
        {
            return DataSetProblems.Invalid("The body must be a small JSON object {\"rows\": n}.");
        }

        var rows = limits.DefaultBenchmarkRows;
        if (!RequestBodies.IsBlank(body))
        {
            try
            {
                rows = JsonSerializer.Deserialize(body, ApiJsonContext.Default.BenchmarkRequest)?.Rows ?? rows;
            }
            catch (JsonException)
            {
                return DataSetProblems.Invalid("The body must be a JSON object {\"rows\": n}; " + rowsError);
            }
        }

        if (rows < 1 || rows > limits.MaxBenchmarkRows)
        {
            return DataSetProblems.Invalid(rowsError);
        }

        var result = await benchmark.RunAsync(schema_name, rows, cancellationToken);
        var timings = result.Timings;
        var output = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("schema"u8, schema_name);
            json.WriteNumber("rows"u8, rows);
            WritePath(json, "naive"u8, InsertBenchmark.NaiveMethod, rows, timings.Naive);
            WritePath(json, "optimized"u8, InsertBenchmark.OptimizedMethod, rows, timings.Optimized);
            json.WriteNumber("ratio"u8, Math.Round(timings.Ratio, 2));
            json.WriteNumber("generate_ms"u8, Math.Round(result.Generate.TotalMilliseconds, 3));
            json.WriteString("scratch"u8, "temporary tables of one connection, without keys, dropped afterwards; the data set is unchanged"u8);
            PerformanceMetrics.Measure("naive_vs_arrow_insert", 2L * rows, Stopwatch.GetElapsedTime(started)).Write(json);
            json.WriteEndObject();
        }

        return new JsonBytesResult(output, StatusCodes.Status200OK, null);
    }

    private static void WritePath(Utf8JsonWriter json, ReadOnlySpan<byte> name, string method, int rows, TimeSpan duration)
    {
        json.WriteStartObject(name);
        json.WriteString("method"u8, method);
        json.WriteNumber("duration_ms"u8, Math.Round(duration.TotalMilliseconds, 3));
        json.WriteNumber("rows_per_second"u8, Math.Round(duration.TotalSeconds > 0 ? rows / duration.TotalSeconds : 0));
        json.WriteEndObject();
    }
}
