using System.Text.Json;
using HighPerf.Sample.Events;
using HighPerf.Sample.Infrastructure;

namespace HighPerf.Sample.Endpoints;

/// <summary><c>GET /samples/large-json?rows=N</c>: a large JSON array of events, where compression shows.</summary>
internal static class LargeJsonEndpoint
{
    internal const int MaxRows = 1_000_000;

    private const int FlushThreshold = 32 * 1024;

    internal static void MapLargeJsonEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/samples/large-json", WriteAsync);

    private static async Task<IResult> WriteAsync(HttpContext context, int? rows, CancellationToken cancellationToken)
    {
        var count = rows ?? 10_000;
        if (count is < 1 or > MaxRows)
        {
            return SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", $"rows must be from 1 to {MaxRows}.");
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        var body = context.Response.BodyWriter;

        // Streamed as it is generated: memory stays flat whatever the row count.
        await using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartArray();
            for (long id = 1; id <= count; id++)
            {
                EventGenerator.WriteEvent(writer, id, count);
                if (writer.BytesPending > FlushThreshold)
                {
                    writer.Flush();
                    await body.FlushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray();
        }

        return Results.Empty;
    }
}
