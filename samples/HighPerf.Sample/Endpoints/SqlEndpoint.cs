using System.Buffers;
using System.Text.Json;
using HighPerf.Data;
using HighPerf.Data.Arrow;
using HighPerf.Sample.Analytics;
using HighPerf.Sample.Infrastructure;

namespace HighPerf.Sample.Endpoints;

/// <summary><c>POST /samples/duckdb</c>: one read-only SELECT over the sample's tables, as JSON or an Arrow IPC stream.</summary>
internal static class SqlEndpoint
{
    private const int MaxBodyBytes = 64 * 1024;
    private const string ArrowMediaType = "application/vnd.apache.arrow.stream";

    internal static void MapSqlEndpoint(this IEndpointRouteBuilder app) => app.MapPost("/samples/duckdb", RunAsync);

    private static async Task<IResult> RunAsync(HttpContext context, SqlSandbox sandbox, CancellationToken cancellationToken)
    {
        var sql = await ReadSqlAsync(context.Request, cancellationToken);
        if (string.IsNullOrWhiteSpace(sql))
        {
            return Invalid($"The body must be a JSON object {{\"sql\": \"SELECT ...\"}} of at most {MaxBodyBytes} bytes.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(SqlSandbox.TimeLimit);
        try
        {
            if (sandbox.Check(sql, deadline.Token) is { } refused)
            {
                return Invalid(refused);
            }

            if (context.Request.Headers.Accept.ToString().Contains(ArrowMediaType, StringComparison.OrdinalIgnoreCase))
            {
                await sandbox.WriteArrowAsync(sql, context.Response, deadline.Token);
                return Results.Empty;
            }

            var output = new ArrayBufferWriter<byte>(4096);
            sandbox.WriteJson(sql, output, deadline.Token);
            return new JsonBytesResult(output, StatusCodes.Status200OK, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Invalid($"The query ran past the time limit of {SqlSandbox.TimeLimit.TotalSeconds:0} s and was interrupted.");
        }
        catch (DuckDbException ex) when (!context.Response.HasStarted)
        {
            // DuckDB's message can quote the SQL and the catalog; the kind is enough for the client.
            return Invalid($"DuckDB could not run the query ({ex.Kind}).");
        }
        catch (ArrowFormatException) when (!context.Response.HasStarted)
        {
            return Invalid("A column of the result has a type the Arrow stream cannot carry; ask for JSON instead.");
        }
    }

    private static async Task<string?> ReadSqlAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sql", out var sql)
                && sql.ValueKind == JsonValueKind.String
                ? sql.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Invalid(string detail) =>
        SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", detail);
}
