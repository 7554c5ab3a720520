using HighPerf.Caching;
using HighPerf.Data;
using HighPerf.Sample.Analytics;
using HighPerf.Sample.Caching;
using HighPerf.Sample.Endpoints;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HighPerf.Sample.Events;

/// <summary>Registers the events store on the embedded DuckDB file, its seeding, analytics and the DuckDB caching demos.</summary>
internal static class EventsServiceCollectionExtensions
{
    /// <summary>The DuckDB file inside <c>HighPerf:DataDirectory</c>.</summary>
    internal const string DatabaseFileName = "highperf.duckdb";

    internal static IServiceCollection AddSampleEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["HighPerf:DataDirectory"] ?? "./data");

        // The file store is the sample's default; HighPerf:DuckDb:Path still wins when it is set.
        services.Configure<DuckDbOptions>(o =>
        {
            if (configuration[DuckDbOptions.SectionName + ":Path"] is null)
            {
                Directory.CreateDirectory(dataDirectory);
                o.Path = Path.Combine(dataDirectory, DatabaseFileName);
            }
        });

        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventQueries>();
        services.AddSingleton<EventBulkLoader>();
        services.AddSingleton<EventSeeder>();
        services.AddSingleton<EventAnalytics>();
        services.AddSingleton<SqlSandbox>();
        services.AddSingleton<DuckDbAggregation>();
        services.AddSingleton<CachedAggregations>();
        services.Configure<HighPerfCacheOptions>(o => o.AddJsonTypeInfoResolver(CachingJsonContext.Default));
        services.AddHostedService(static sp => sp.GetRequiredService<EventSeeder>());
        services.AddHealthChecks().AddCheck<EventStoreHealthCheck>("events_store", HealthStatus.Unhealthy);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(EventsJsonContext.Default));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(CachingJsonContext.Default));
        return services;
    }
}
