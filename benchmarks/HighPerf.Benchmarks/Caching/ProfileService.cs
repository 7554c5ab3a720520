using HighPerf.Caching;

namespace HighPerf.Benchmarks.Caching;

/// <summary>A service whose three-argument lookup is cached by the <c>[Cached]</c> generator.</summary>
public sealed partial class ProfileService(ICacheStore cache)
{
    public int FactoryCalls { get; private set; }

    [Cached(Ttl = "00:05:00", KeyPrefix = "user_data", Tags = new[] { "user:{userId}" })]
    public partial ValueTask<BenchProfile> GetProfileAsync(long userId, string region, int page, CancellationToken cancellationToken = default);

    private ValueTask<BenchProfile> GetProfileCoreAsync(long userId, string region, int page, CancellationToken cancellationToken)
    {
        FactoryCalls++;
        return ValueTask.FromResult(new BenchProfile(userId, region, page, "Ada Lovelace"));
    }
}
