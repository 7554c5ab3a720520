using HighPerf.Sample.Api.Endpoints;
using HighPerf.Sample.Api.Errors;

namespace HighPerf.Sample.Api;

/// <summary>Maps the high-performance data API: <c>/api/v1/schemas</c> and <c>/api/v1/high-performance/*</c>.</summary>
internal static class ApiRoutes
{
    internal const string ArrowStreamMediaType = "application/vnd.apache.arrow.stream";

    internal const string ExportsPath = "/api/v1/high-performance/exports";

    internal static void MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<DataSetErrorFilter>();
        api.MapSchemaEndpoints();

        var fast = api.MapGroup("/high-performance");
        fast.MapBulkEndpoint();
        fast.MapQueryEndpoint();
        fast.MapStreamEndpoint();
        fast.MapExportEndpoints();
        fast.MapAnalyzeEndpoint();
        fast.MapInsertBenchmarkEndpoint();
    }
}
