using HighPerf.Data;

namespace HighPerf.Sample.Postgres;

/// <summary>Registers PostgreSQL when <c>HighPerf:Postgres:ConnectionString</c> is set, and the DuckDB-vs-PostgreSQL comparison.</summary>
internal static class SamplePostgresServiceCollectionExtensions
{
    internal static IServiceCollection AddSamplePostgres(this IServiceCollection services, IConfiguration configuration)
    {
        // AddHighPerfDataSets adds PostgreSQL from the same key; whichever runs first registers it, once.
        if (!string.IsNullOrWhiteSpace(configuration[$"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)}"])
            && !IsRegistered(services, typeof(PostgresArrowClient)))
        {
            services.AddHighPerfPostgres(configuration);
        }

        services.AddSingleton<PgDuckDbComparison>();
        return services;
    }

    private static bool IsRegistered(IServiceCollection services, Type type)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == type)
            {
                return true;
            }
        }

        return false;
    }
}
