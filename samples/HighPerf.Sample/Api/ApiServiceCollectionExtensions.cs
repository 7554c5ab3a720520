using HighPerf.Sample.Api.Benchmark;
using HighPerf.Sample.Api.Json;

namespace HighPerf.Sample.Api;

/// <summary>Registers the named data sets behind <c>/api/v1</c>: the registry on the embedded DuckDB file and the API's limits.</summary>
internal static class ApiServiceCollectionExtensions
{
    internal static IServiceCollection AddSampleApi(this IServiceCollection services, IConfiguration configuration)
    {
        // The registry shares the sample's DuckDB file (HighPerf:DataDirectory/highperf.duckdb); exports go to its exports/ folder.
        services.AddHighPerfDataSets(configuration);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        services.AddSingleton<InsertBenchmark>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(ApiJsonContext.Default));
        return services;
    }
}
