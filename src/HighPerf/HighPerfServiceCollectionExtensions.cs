namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers every HighPerf package at once.</summary>
public static class HighPerfServiceCollectionExtensions
{
    /// <summary>
    /// Adds every HighPerf package, each bound from its own <c>HighPerf:*</c> configuration section:
    /// today HighPerf.Compression (<c>HighPerf:Compression</c>). Pair it with <c>app.UseHighPerf()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerf(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHighPerfCompression();
        return services;
    }
}
