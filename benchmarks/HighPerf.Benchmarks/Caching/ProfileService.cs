using HighPerf.Caching;

namespace HighPerf.Benchmarks.Caching;

/// <summary>A service whose lookup is cached the way the <c>[Cached]</c> generator writes it.</summary>
public sealed partial class ProfileService(ICacheStore cache)
{
    private static readonly CacheEntryOptions s_options = new() { Expiration = TimeSpan.FromMinutes(5) };
    private static readonly CacheKeyScope s_scope = new("user_data", "HighPerf.Benchmarks.Caching.ProfileService.GetProfileAsync(long, string, int, System.Threading.CancellationToken)");

    public int FactoryCalls { get; private set; }

    public ValueTask<BenchProfile> GetProfileAsync(long userId, string region, int page, CancellationToken cancellationToken = default)
    {
        var builder = new CacheKeyBuilder(s_scope, stackalloc byte[128]);
        builder.Add(userId);
        builder.Add(region);
        builder.Add(page);
        var key = builder.ToCacheKey();
        if (cache.TryGetValue<BenchProfile>(key, out var hit))
        {
            return new ValueTask<BenchProfile>(hit);
        }

        return cache.GetOrCreateAsync<(ProfileService Self, long UserId, string Region, int Page), BenchProfile>(
            key,
            (this, userId, region, page),
            static (s, ct) => s.Self.GetProfileCoreAsync(s.UserId, s.Region, s.Page, ct),
            s_options,
            ["user:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            cancellationToken);
    }

    private ValueTask<BenchProfile> GetProfileCoreAsync(long userId, string region, int page, CancellationToken cancellationToken)
    {
        FactoryCalls++;
        return ValueTask.FromResult(new BenchProfile(userId, region, page, "Ada Lovelace"));
    }
}
