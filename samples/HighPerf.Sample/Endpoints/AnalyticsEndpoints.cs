using System.Buffers;
using System.Globalization;
using HighPerf.Sample.Analytics;
using HighPerf.Sample.Infrastructure;

namespace HighPerf.Sample.Endpoints;

/// <summary><c>GET /samples/analytics/summary</c> and <c>GET /samples/analytics/conversion-funnel</c>, computed in SQL on DuckDB.</summary>
internal static class AnalyticsEndpoints
{
    private const int MaxDays = 3650;

    internal static void MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/samples/analytics/summary", static (string? days, EventAnalytics analytics, CancellationToken cancellationToken) =>
            Run(days, (analytics, cancellationToken), static (s, d, output) => s.analytics.WriteSummary(d, output, s.cancellationToken)));
        app.MapGet("/samples/analytics/conversion-funnel", static (string? days, EventAnalytics analytics, CancellationToken cancellationToken) =>
            Run(days, (analytics, cancellationToken), static (s, d, output) => s.analytics.WriteFunnel(d, output, s.cancellationToken)));
    }

    private static IResult Run<TState>(string? days, TState state, Action<TState, int, IBufferWriter<byte>> write)
    {
        var window = 30;
        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out window) || window is < 1 or > MaxDays))
        {
            return SampleErrorHandling.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidData, "Invalid request", $"days must be an integer from 1 to {MaxDays}.");
        }

        var output = new ArrayBufferWriter<byte>(4096);
        write(state, window, output);
        return new JsonBytesResult(output, StatusCodes.Status200OK, null);
    }
}
