using HighPerf.Data;
using HighPerf.Data.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HighPerf.Data's PostgreSQL data source, Arrow bridge and health check.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>The name of the health check <c>AddHighPerfPostgres</c> registers.</summary>
    public const string HealthCheckName = "postgres";

    /// <summary>
    /// Adds a singleton <see cref="NpgsqlDataSource"/> built from <see cref="PostgresOptions"/> bound from
    /// <c>HighPerf:Postgres</c> (validated at start-up, disposed with the container), a singleton
    /// <see cref="PostgresArrowClient"/> over it, and the <c>postgres</c> health check (<c>SELECT 1</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfPostgres(this IServiceCollection services, Action<PostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    /// <summary>
    /// Like <see cref="AddHighPerfPostgres(IServiceCollection, Action{PostgresOptions}?)"/>, binding the options from
    /// <paramref name="configuration"/>'s <c>HighPerf:Postgres</c> section.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding the <c>HighPerf:Postgres</c> section.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfPostgres(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, Action<PostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<PostgresOptions>().Bind(configuration.GetSection(PostgresOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services, options);
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<PostgresOptions> options)
    {
        options.Validate(static o => !string.IsNullOrWhiteSpace(o.ConnectionString), "HighPerf:Postgres:ConnectionString is required.")
            .Validate(static o => o.CopyBatchRows > 0, "HighPerf:Postgres:CopyBatchRows must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(static provider => CreateDataSource(provider.GetRequiredService<IOptions<PostgresOptions>>().Value));
        services.TryAddSingleton(static provider => new PostgresArrowClient(
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<IOptions<PostgresOptions>>().Value.CopyBatchRows));
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>(HealthCheckName, HealthStatus.Unhealthy, ["db", "postgres"]);
        return services;
    }

    internal static NpgsqlDataSource CreateDataSource(PostgresOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (options.Pooling is { } pooling)
        {
            connection.Pooling = pooling;
        }

        if (options.MinPoolSize is { } min)
        {
            connection.MinPoolSize = min;
        }

        if (options.MaxPoolSize is { } max)
        {
            connection.MaxPoolSize = max;
        }

        if (options.ConnectionIdleLifetime is { } idle)
        {
            connection.ConnectionIdleLifetime = (int)Math.Ceiling(idle.TotalSeconds);
        }

        if (options.CommandTimeout is { } timeout)
        {
            connection.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        }

        return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
    }
}
