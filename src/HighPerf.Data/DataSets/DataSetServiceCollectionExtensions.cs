using HighPerf.Data;
using HighPerf.Data.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the data set registry.</summary>
public static class DataSetServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="DataSetRegistry"/>, with options from <c>HighPerf:DataSets</c>. When
    /// <c>HighPerf:Postgres:ConnectionString</c> is set the data sets live in PostgreSQL (<c>AddHighPerfPostgres</c> is
    /// added from the same configuration unless it already was); otherwise in the embedded DuckDB database. DuckDB is
    /// added either way (see <c>AddHighPerfDuckDb</c>): it writes the Parquet exports. When the database has no file of its own
    /// configured it lives in <c>{HighPerf:DataDirectory}/highperf.duckdb</c> (default <c>./data</c>); the export
    /// folder (<c>{HighPerf:DataDirectory}/exports</c> unless <see cref="DataSetOptions.ExportDirectory"/> says otherwise)
    /// is created and added to the database's allowed directories.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfDataSets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = Path.GetFullPath(configuration["HighPerf:DataDirectory"] is { Length: > 0 } d ? d : "./data");
        var options = new DataSetOptions();
        configuration.GetSection(DataSetOptions.SectionName).Bind(options);
        var exports = Path.GetFullPath(options.ExportDirectory ?? Path.Combine(dataDirectory, "exports"));

        services.AddHighPerfDuckDb(o =>
        {
            Directory.CreateDirectory(exports);
            if (string.IsNullOrEmpty(o.Path) || o.Path == DuckDbOptions.InMemory)
            {
                o.Path = Path.Combine(dataDirectory, "highperf.duckdb");
            }

            if (!o.AllowedDirectories.Contains(exports))
            {
                o.AllowedDirectories.Add(exports);
            }
        });
        var postgres = !string.IsNullOrWhiteSpace(configuration[$"{PostgresOptions.SectionName}:{nameof(PostgresOptions.ConnectionString)}"]);
        if (postgres && !IsRegistered(services, typeof(PostgresArrowClient)))
        {
            services.AddHighPerfPostgres(configuration);
        }

        services.TryAddSingleton(provider => postgres
            ? new DataSetRegistry(provider.GetRequiredService<PostgresArrowClient>(), provider.GetRequiredService<DuckDbDatabase>(), options, exports)
            : new DataSetRegistry(provider.GetRequiredService<DuckDbDatabase>(), options, exports));
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
