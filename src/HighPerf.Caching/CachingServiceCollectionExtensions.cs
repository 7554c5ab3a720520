using HighPerf.Caching;
using HighPerf.Caching.Distributed;
using HighPerf.Caching.Engine;
using HighPerf.Caching.Engine.Backplane;
using HighPerf.Caching.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HighPerf.Caching: the two-level cache and its Redis distributed level.</summary>
public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the two-level cache as <see cref="ICacheStore"/>, with options bound from
    /// <c>HighPerf:Cache</c>. Its distributed level is the registered
    /// <see cref="IBufferDistributedCache"/> (call <see cref="AddHighPerfRedis"/> for Redis, which also
    /// brings the pub/sub backplane that keeps every node's in-process level in step); without one it
    /// runs in process alone.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfCaching(this IServiceCollection services, Action<HighPerfCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Bound when the host has configuration; a bare container (a console tool, a test) works too.
        var options = services.AddOptions<HighPerfCacheOptions>().Configure<IServiceProvider>(static (o, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(HighPerfCacheOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<ICacheStore>(static sp => new CacheStore(
            sp.GetRequiredService<IOptions<HighPerfCacheOptions>>(),
            sp,
            sp.GetService<IBufferDistributedCache>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<CacheStore>>(),
            sp.GetService<ICacheBackplane>()));
        return services;
    }

    /// <summary>
    /// Registers the two-level cache like <see cref="AddHighPerfCaching(IServiceCollection, Action{HighPerfCacheOptions}?)"/>,
    /// and, when <paramref name="configuration"/> names a Redis server (<c>HighPerf:Cache:Redis</c>,
    /// else <c>VALKEY_URL</c>, else <c>REDIS_URL</c>), Redis as its distributed level and backplane
    /// (<see cref="AddHighPerfRedis"/>). Without one, the cache runs in process alone.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Where the Redis connection string is looked for.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfCaching(this IServiceCollection services, IConfiguration configuration, Action<HighPerfCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (RedisConnectionStringSource.Resolve(configuration) is not null)
        {
            services.AddHighPerfRedis();
        }

        return services.AddHighPerfCaching(configure);
    }

    /// <summary>
    /// Registers <see cref="RedisDistributedCache"/> as the <see cref="IDistributedCache"/> and
    /// <see cref="IBufferDistributedCache"/>, so any code written for them runs on HighPerf's Redis
    /// client. The connection string is read from <c>HighPerf:Cache:Redis</c>, else <c>VALKEY_URL</c>,
    /// else <c>REDIS_URL</c>; <paramref name="configure"/> runs after that.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes applied after configuration.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHighPerfRedis(this IServiceCollection services, Action<RedisCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RedisCacheOptions>();
        options.Configure<IServiceProvider>(static (o, provider) =>
        {
            if (provider.GetService<IConfiguration>() is { } configuration)
            {
                o.ConnectionString ??= RedisConnectionStringSource.Resolve(configuration);
                o.InstanceName ??= configuration[RedisCacheOptions.SectionName + ":InstanceName"];
            }
            else
            {
                o.ConnectionString ??= Environment.GetEnvironmentVariable("VALKEY_URL") ?? Environment.GetEnvironmentVariable("REDIS_URL");
            }
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<RedisDistributedCache>();
        services.Replace(ServiceDescriptor.Singleton<IDistributedCache>(static sp => sp.GetRequiredService<RedisDistributedCache>()));
        services.Replace(ServiceDescriptor.Singleton<IBufferDistributedCache>(static sp => sp.GetRequiredService<RedisDistributedCache>()));
        services.AddOptions<HighPerfCacheOptions>();
        services.TryAddSingleton<ICacheBackplane, RedisCacheBackplane>();
        return services;
    }
}
