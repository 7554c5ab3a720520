using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers every HighPerf package at once.</summary>
public static class HighPerfServiceCollectionExtensions
{
    /// <summary>
    /// Adds every HighPerf package, each bound from its own <c>HighPerf:*</c> configuration section:
    /// HighPerf.Compression (<c>HighPerf:Compression</c>) and HighPerf.Caching (<c>HighPerf:Cache</c>;
    /// Redis as its distributed level when <c>HighPerf:Cache:Redis</c>, <c>VALKEY_URL</c> or
    /// <c>REDIS_URL</c> is set) and HighPerf.Data's embedded DuckDB database (<c>HighPerf:DuckDb</c>).
    /// Pair it with <c>app.UseHighPerf()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The application's configuration (<c>builder.Configuration</c>), where the optional back ends
    /// are looked for; <see langword="null"/> to look in environment variables only.
    /// </param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerf(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        services.AddHighPerfCompression();
        services.AddHighPerfCaching(configuration);
        services.AddHighPerfDuckDb();
        return services;
    }
}
