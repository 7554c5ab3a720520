using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Sample.Infrastructure;
using HighPerf.Sample.Postgres;
using Npgsql;

namespace HighPerf.Sample.Endpoints;

/// <summary>
/// <c>GET /samples/pg/duckdb-compare?rows=100000</c>: the same analytics query on PostgreSQL and on DuckDB over the
/// same rows (read from PostgreSQL as Arrow and registered in DuckDB), with both results, both timings and whether
/// the results are equal. Without PostgreSQL configured the answer is 503 <c>database</c> with <c>Retry-After</c>: in
/// the contract's error table a backend that is not there is an unavailable store, not an unknown resource (404 is
/// for unknown data sets and ids), and a deployment may well add the connection string and restart.
/// </summary>
internal static class PgCompareEndpoint
{
    internal const int DefaultRows = 100_000;
    internal const int MaxRows = 1_000_000;
    internal const string RetryAfterSeconds = "30";

    // The contract's error_code for a failed or unreachable store (kept here rather than in ErrorCodes, which other work edits).
    private const string DatabaseError = "database";

    internal static void MapPgCompareEndpoint(this IEndpointRouteBuilder app) => app.MapGet("/samples/pg/duckdb-compare", RunAsync);

    private static async Task<IResult> RunAsync(HttpContext context, PgDuckDbComparison comparison, ILoggerFactory logging, string? rows, CancellationToken cancellationToken)
    {
        var count = DefaultRows;
        if (rows is not null && (!int.TryParse(rows, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxRows))
        {
            return SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", $"rows must be an integer from 1 to {MaxRows}.");
        }

        if (comparison.Client is null)
        {
            return Unavailable(context, "PostgreSQL is not configured: set HighPerf:Postgres:ConnectionString to compare it with DuckDB.");
        }

        ComparisonResult result;
        try
        {
            result = await comparison.RunAsync(count, cancellationToken);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            logging.CreateLogger(typeof(PgCompareEndpoint)).LogWarning(ex, "PostgreSQL could not be reached for the comparison.");
            return Unavailable(context, "PostgreSQL cannot be reached.");
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresArrowException or DuckDbException)
        {
            logging.CreateLogger(typeof(PgCompareEndpoint)).LogError(ex, "The comparison failed.");
            return SampleErrorHandling.Problem(StatusCodes.Status500InternalServerError, DatabaseError, "Database error", "A store failed; see the server logs.");
        }

        return new JsonBytesResult(Write(result), StatusCodes.Status200OK, null);
    }

    private static IResult Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return SampleErrorHandling.Problem(StatusCodes.Status503ServiceUnavailable, DatabaseError, "Database unavailable", detail);
    }

    private static bool IsUnreachable(Exception exception) =>
        exception is NpgsqlException { InnerException: SocketException or TimeoutException or IOException }
        || exception is PostgresArrowException { InnerException: NpgsqlException { InnerException: SocketException or IOException } };

    private static ArrayBufferWriter<byte> Write(ComparisonResult result)
    {
        var output = new ArrayBufferWriter<byte>(2048);
        using var json = new Utf8JsonWriter(output);
        var postgresMs = Best(result.PostgresMs);
        var duckMs = Best(result.DuckDbMs);
        json.WriteStartObject();
        json.WriteNumber("rows"u8, result.Rows);
        json.WriteString("query"u8, PgDuckDbComparison.Query);
        json.WriteNumber("runs"u8, PgDuckDbComparison.Runs);
        json.WriteStartObject("postgres"u8);
        WriteSide(json, postgresMs, result.PostgresMs, result.Postgres);
        json.WriteEndObject();
        json.WriteStartObject("duckdb"u8);
        WriteSide(json, duckMs, result.DuckDbMs, result.DuckDb);
        json.WriteNumber("registered_rows"u8, result.RegisteredRows);
        json.WriteNumber("transfer_ms"u8, Math.Round(result.TransferMs, 3));
        json.WriteEndObject();
        json.WriteBoolean("results_equal"u8, result.ResultsEqual);
        json.WriteNumber("duckdb_speedup"u8, duckMs > 0 ? Math.Round(postgresMs / duckMs, 2) : 0);
        json.WriteEndObject();
        json.Flush();
        return output;
    }

    private static void WriteSide(Utf8JsonWriter json, double best, double[] runs, List<ComparisonRow> rows)
    {
        json.WriteNumber("duration_ms"u8, Math.Round(best, 3));
        json.WriteStartArray("runs_ms"u8);
        foreach (var run in runs)
        {
            json.WriteNumberValue(Math.Round(run, 3));
        }

        json.WriteEndArray();
        json.WriteStartArray("results"u8);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("event_type"u8, row.EventType);
            json.WriteNumber("events"u8, row.Events);
            json.WriteNumber("users"u8, row.Users);
            if (row.TotalAmount is { } total)
            {
                json.WriteNumber("total_amount"u8, total);
            }
            else
            {
                json.WriteNull("total_amount"u8);
            }

            if (row.AvgAmount is { } mean)
            {
                json.WriteNumber("avg_amount"u8, mean);
            }
            else
            {
                json.WriteNull("avg_amount"u8);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static double Best(double[] runs)
    {
        var best = double.MaxValue;
        foreach (var run in runs)
        {
            best = Math.Min(best, run);
        }

        return best;
    }
}
