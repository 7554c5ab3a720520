using HighPerf.Caching.Redis;

namespace HighPerf.Caching;

/// <summary>
/// Settings of <see cref="Distributed.RedisDistributedCache"/>, registered by <c>AddHighPerfRedis()</c>.
/// The connection string comes from <c>HighPerf:Cache:Redis</c>, else <c>VALKEY_URL</c>, else
/// <c>REDIS_URL</c>; the instance name from <c>HighPerf:Cache:InstanceName</c>.
/// </summary>
public sealed class RedisCacheOptions
{
    /// <summary>The configuration section of the cache.</summary>
    public const string SectionName = "HighPerf:Cache";

    /// <summary>A connection string (<c>redis://</c>, <c>rediss://</c>, <c>valkey://</c>); ignored when <see cref="Connection"/> is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Explicit connection settings; when <see langword="null"/> (the default) they are parsed from <see cref="ConnectionString"/>.</summary>
    public RedisConnectionOptions? Connection { get; set; }

    /// <summary>A prefix put in front of every key, so several applications can share one server; default none.</summary>
    public string? InstanceName { get; set; }
}
