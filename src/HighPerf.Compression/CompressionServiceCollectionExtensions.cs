using HighPerf.Compression;
using HighPerf.Compression.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HighPerf.Compression.</summary>
public static class CompressionServiceCollectionExtensions
{
    /// <summary>
    /// Adds zstd HTTP compression: response compression negotiating <c>zstd</c>, <c>br</c> and
    /// <c>gzip</c> by the client's <c>Accept-Encoding</c>, and request decompression of
    /// <c>Content-Encoding: zstd</c> with a size limit. Options are bound from
    /// <c>HighPerf:Compression</c> and validated at start-up; call <c>app.UseHighPerfCompression()</c>
    /// to put the middleware in the pipeline.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfCompression(this IServiceCollection services, Action<HighPerfCompressionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<HighPerfCompressionOptions>().BindConfiguration(HighPerfCompressionOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HighPerfCompressionOptions>, HighPerfCompressionOptionsValidator>());

        services.AddResponseCompression();
        services.AddRequestDecompression();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ResponseCompressionOptions>, ConfigureHttpCompression>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RequestDecompressionOptions>, ConfigureHttpCompression>());
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, MinimumSizeResponseCompressionProvider>());
        return services;
    }
}
