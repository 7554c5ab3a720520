using HighPerf.Data;
using HighPerf.Data.DuckDb;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HighPerf.Data's embedded DuckDB database.</summary>
public static class DuckDbServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="DuckDbDatabase"/>, opened on first use with options bound from
    /// <c>HighPerf:DuckDb</c> (validated at start-up) and closed when the service provider is disposed.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfDuckDb(this IServiceCollection services, Action<DuckDbOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<DuckDbOptions>().BindConfiguration(DuckDbOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DuckDbOptions>, DuckDbOptionsValidator>());
        services.TryAddSingleton(static provider => DuckDbDatabase.Open(provider.GetRequiredService<IOptions<DuckDbOptions>>().Value));
        return services;
    }
}
