using System.Buffers;
using System.Globalization;
using System.Text.Json;
using HighPerf.Sample.Events;
using HighPerf.Sample.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace HighPerf.Sample.Endpoints;

/// <summary>The user events: <c>POST /samples/events</c>, its bulk twin, the per-user pages and the demo seeding.</summary>
internal static class EventEndpoints
{
    /// <summary>The largest single-event body: a 16 KiB <c>properties</c> object and the other fields.</summary>
    private const int MaxEventBodyBytes = 64 * 1024;

    /// <summary>The largest bulk body, after decompression: a million events with room for their properties.</summary>
    private const long MaxBulkBodyBytes = 1L << 30;

    internal static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/samples/events", CreateAsync);
        app.MapPost("/samples/events/bulk", BulkAsync).WithMetadata(BulkBodyLimit.Instance);
        app.MapGet("/samples/events/{user_id}", ListAsync);
        app.MapGet("/samples/events/{user_id}/{id}", GetAsync);
        app.MapPost("/samples/seed", SeedAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EventQueries queries, CancellationToken cancellationToken)
    {
        var body = await ReadSmallBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return Invalid($"The body must be one JSON event object of at most {MaxEventBodyBytes} bytes.");
        }

        if (!TryParseOne(body.Value, out var row, out var error))
        {
            return Invalid(error);
        }

        var id = await queries.InsertAsync(row, cancellationToken);
        var output = new ArrayBufferWriter<byte>(512);
        queries.WriteById(id, output, cancellationToken);
        var location = string.Create(CultureInfo.InvariantCulture, $"/samples/events/{row.UserId}/{id}");
        return new JsonBytesResult(output, StatusCodes.Status201Created, location);
    }

    private static async Task<IResult> BulkAsync(HttpContext context, EventBulkLoader loader, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBulkBodyBytes;
        }

        var result = await loader.LoadAsync(context.Request.BodyReader, cancellationToken);
        return result.Error is { } error
            ? Invalid(error + " Nothing was stored.")
            : TypedResults.Json(new BulkResponse(result.Inserted, Math.Round(result.DurationMs, 3), Math.Round(result.RowsPerSecond)), EventsJsonContext.Default.BulkResponse, statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListAsync(string user_id, string? limit, string? after_id, EventQueries queries, CancellationToken cancellationToken)
    {
        if (!long.TryParse(user_id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) || userId <= 0)
        {
            return Invalid("user_id must be a positive integer.");
        }

        var pageSize = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return Invalid("limit must be an integer from 1 to 1000.");
        }

        var afterId = long.MaxValue;
        if (after_id is not null && (!long.TryParse(after_id, NumberStyles.None, CultureInfo.InvariantCulture, out afterId) || afterId < 1))
        {
            return Invalid("after_id must be a positive integer: the next_after_id of the previous page.");
        }

        var output = new ArrayBufferWriter<byte>(16 * 1024);
        queries.WriteUserPage(userId, afterId, pageSize, output, cancellationToken);
        return new JsonBytesResult(output, StatusCodes.Status200OK, null);
    }

    private static IResult GetAsync(long user_id, long id, EventQueries queries, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(512);
        if (!queries.WriteById(id, output, cancellationToken) || !BelongsTo(output, user_id))
        {
            return SampleErrorHandling.Problem(StatusCodes.Status404NotFound, ErrorCodes.RecordNotFound, "Not found", $"User {user_id} has no event {id}.");
        }

        return new JsonBytesResult(output, StatusCodes.Status200OK, null);
    }

    private static async Task<IResult> SeedAsync(string? users, string? events, EventSeeder seeder, CancellationToken cancellationToken)
    {
        long count = 100_000;
        if (events is not null && (!long.TryParse(events, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 0 or > EventSeeder.MaxEvents))
        {
            return Invalid($"events must be an integer from 0 to {EventSeeder.MaxEvents}.");
        }

        var userCount = EventGenerator.DefaultUsers(count);
        if (users is not null && (!long.TryParse(users, NumberStyles.None, CultureInfo.InvariantCulture, out userCount) || userCount is < 1 or > EventSeeder.MaxEvents))
        {
            return Invalid($"users must be an integer from 1 to {EventSeeder.MaxEvents}.");
        }

        var result = await seeder.SeedAsync(userCount, count, cancellationToken);
        return TypedResults.Json(new BulkResponse(result.Inserted, Math.Round(result.DurationMs, 3), Math.Round(result.RowsPerSecond)), EventsJsonContext.Default.BulkResponse, statusCode: StatusCodes.Status201Created);
    }

    private static bool BelongsTo(ArrayBufferWriter<byte> output, long userId)
    {
        var reader = new Utf8JsonReader(output.WrittenSpan);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("user_id"u8))
            {
                reader.Read();
                return reader.GetInt64() == userId;
            }
        }

        return false;
    }

    private static bool TryParseOne(ReadOnlySequence<byte> body, out EventFields row, out string error)
    {
        row = default;
        try
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: true, default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The body must be a JSON event object.";
                return false;
            }

            var status = EventJsonReader.Read(ref reader, body, out row, out var message);
            if (status != ReadStatus.Done)
            {
                error = message ?? "The body must be one complete JSON event object.";
                return false;
            }

            if (reader.Read())
            {
                error = "The body must hold one JSON event object and nothing after it.";
                return false;
            }
        }
        catch (JsonException)
        {
            error = "The body is not valid JSON.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static async Task<ReadOnlySequence<byte>?> ReadSmallBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.Buffer.Length > MaxEventBodyBytes)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                // Copied out so the pipe's buffers can go back; the body is small.
                var copy = new ReadOnlySequence<byte>(read.Buffer.ToArray());
                body.AdvanceTo(read.Buffer.End);
                return copy;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>
    /// The bulk body's limit as endpoint metadata: request decompression reads it to bound the decoded body, before the
    /// handler runs (raising the size feature in the handler comes too late for a compressed body, which would stop at
    /// Kestrel's 30 MB default).
    /// </summary>
    private sealed class BulkBodyLimit : IRequestSizeLimitMetadata
    {
        internal static readonly BulkBodyLimit Instance = new();

        public long? MaxRequestBodySize => MaxBulkBodyBytes;
    }

    private static IResult Invalid(string detail) =>
        SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", detail);
}
