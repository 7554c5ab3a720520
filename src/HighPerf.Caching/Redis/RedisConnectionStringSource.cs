using Microsoft.Extensions.Configuration;

namespace HighPerf.Caching.Redis;

/// <summary>
/// Where the cache finds its Redis connection string when none is given in code: the application's own
/// setting first, then the variables hosting platforms set (<c>VALKEY_URL</c>, then <c>REDIS_URL</c>).
/// </summary>
internal static class RedisConnectionStringSource
{
    /// <summary>The configuration key of the application's own setting.</summary>
    public const string ConfigurationKey = "HighPerf:Cache:Redis";

    /// <summary>The environment variable Valkey hosting sets; preferred over <see cref="RedisUrlVariable"/>.</summary>
    public const string ValkeyUrlVariable = "VALKEY_URL";

    /// <summary>The environment variable Redis hosting (Heroku, Render, Railway and the like) sets.</summary>
    public const string RedisUrlVariable = "REDIS_URL";

    /// <summary>
    /// The first non-blank of: <c>configuration["HighPerf:Cache:Redis"]</c>; <c>VALKEY_URL</c>; <c>REDIS_URL</c>. Each
    /// variable is looked up in <paramref name="configuration"/> first, where the environment configuration provider
    /// (and any test or override) puts it, then in the process environment, for hosts configured without that
    /// provider. <see langword="null"/> when none is set.
    /// </summary>
    /// <param name="configuration">The application's configuration.</param>
    public static string? Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return NonBlank(configuration[ConfigurationKey])
            ?? Variable(configuration, ValkeyUrlVariable)
            ?? Variable(configuration, RedisUrlVariable);
    }

    private static string? Variable(IConfiguration configuration, string name) =>
        NonBlank(configuration[name]) ?? NonBlank(Environment.GetEnvironmentVariable(name));

    // A variable exported empty, as deployment templates often leave them, means "not set", not "connect to ''".
    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
