using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using HighPerf.Caching;
using HighPerf.Sample.Caching;
using HighPerf.Sample.Infrastructure;

namespace HighPerf.Sample.Endpoints;

/// <summary>The body of the caching demos: whether it was a hit, the key, what this request spent computing, and the result.</summary>
internal sealed record CacheDemoResponse(string Cache, string Key, double ComputeMs, double TotalMs, AggregationResult Result);

/// <summary>
/// <c>GET /samples/duckdb-cached</c> (get-or-create written by hand), <c>GET /samples/duckdb-cached-decorator</c>
/// (the generated <c>[Cached]</c> method) and <c>DELETE /samples/cache/{tag}</c>.
/// </summary>
internal static class CacheDemoEndpoints
{
    internal const string KeyPrefix = "duckdb_cached";

    private static readonly CacheEntryOptions s_options = new() { Expiration = TimeSpan.FromMinutes(10) };

    internal static void MapCacheDemoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/samples/duckdb-cached", ExplicitAsync);
        app.MapGet("/samples/duckdb-cached-decorator", DecoratorAsync);
        app.MapDelete("/samples/cache/{tag}", static async (string tag, ICacheStore cache, CancellationToken cancellationToken) =>
        {
            await cache.RemoveByTagAsync(tag, cancellationToken);
            return Results.NoContent();
        });
    }

    /// <summary>The hand-written key: the prefix and <c>n</c>, hashed; the same in every process.</summary>
    internal static CacheKey Key(long n)
    {
        var builder = new CacheKeyBuilder(KeyPrefix, stackalloc byte[64]);
        builder.Add(n);
        return builder.ToCacheKey();
    }

    private static async Task<IResult> ExplicitAsync(string? n, ICacheStore cache, DuckDbAggregation aggregation, CancellationToken cancellationToken)
    {
        if (!TryRows(n, out var rows, out var invalid))
        {
            return invalid;
        }

        var started = Stopwatch.GetTimestamp();
        var key = Key(rows);
        var probe = new ComputeProbe();
        var result = await cache.GetOrCreateAsync(
            key,
            (aggregation, rows, probe),
            static (state, ct) =>
            {
                var computed = state.aggregation.Run(state.rows, ct);
                state.probe.Computed = true;
                state.probe.ComputeMs = computed.ComputeMs;
                return new ValueTask<AggregationResult>(computed);
            },
            s_options,
            ["duckdb", string.Create(CultureInfo.InvariantCulture, $"duckdb:{rows}")],
            cancellationToken);
        return Respond(probe, key.ToString(), started, result);
    }

    private static async Task<IResult> DecoratorAsync(string? n, CachedAggregations aggregations, CancellationToken cancellationToken)
    {
        if (!TryRows(n, out var rows, out var invalid))
        {
            return invalid;
        }

        var started = Stopwatch.GetTimestamp();
        var probe = new ComputeProbe();
        var result = await aggregations.AggregateAsync(rows, probe, cancellationToken);

        // The generated key hashes the method's identity too; this names what it is built from.
        return Respond(probe, string.Create(CultureInfo.InvariantCulture, $"{CachedAggregations.KeyPrefix}(n={rows})"), started, result);
    }

    private static IResult Respond(ComputeProbe probe, string key, long started, AggregationResult result) =>
        TypedResults.Json(
            new CacheDemoResponse(probe.Computed ? "miss" : "hit", key, probe.Computed ? probe.ComputeMs : 0, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), result),
            CachingJsonContext.Default.CacheDemoResponse);

    private static bool TryRows(string? n, out long rows, out IResult invalid)
    {
        rows = 1_000_000;
        invalid = Results.Empty;
        if (n is not null && (!long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out rows) || rows is < 1 or > DuckDbAggregation.MaxRows))
        {
            invalid = SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", $"n must be an integer from 1 to {DuckDbAggregation.MaxRows}.");
            return false;
        }

        return true;
    }
}

/// <summary>Source-generated JSON of the caching demos, for the responses and for the cache's stored values.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CacheDemoResponse))]
[JsonSerializable(typeof(AggregationResult))]
internal sealed partial class CachingJsonContext : JsonSerializerContext;
