using System.ComponentModel;
using System.Text.Json.Serialization;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// The cached value of the cache suites: a small profile, as a real endpoint would cache.
/// Immutable and marked so, so that HybridCache may return the cached instance as we do.
/// </summary>
[ImmutableObject(true)]
public sealed record BenchProfile(long UserId, string Region, int Page, string DisplayName);

[JsonSerializable(typeof(BenchProfile))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
