using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HighPerf.Caching;
using HighPerf.Caching.Keys;

namespace HighPerf.Benchmarks.Caching;

/// <summary>
/// The key of a three-argument method (a user id, a region, a page): ours is the stable encoding
/// plus XXH3-128 in one go; the baseline is SHA-256 of exactly those bytes (the seed stack hashed
/// its keys with SHA-256 before it moved to xxhash), with and without hex text as the seed used it.
/// </summary>
public class CacheKeyBenchmarks
{
    private static readonly string s_region = "eu-west";
    private static readonly CacheKeyScope s_scope = new("user_data", "HighPerf.Benchmarks.Caching.ProfileService.GetProfileAsync(long, string, int)");
    private readonly long _userId = 4_200_042;
    private readonly int _page = 3;
    private byte[] _encoding = [];

    [GlobalSetup]
    public void Setup()
    {
        var builder = new CacheKeyBuilder(s_scope, stackalloc byte[128]);
        Encode(ref builder);
        _encoding = builder.WrittenBytes.ToArray();
        builder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Sha256OfTheSameBytes()
    {
        Span<byte> hash = stackalloc byte[32];
        return SHA256.HashData(_encoding, hash);
    }

    [Benchmark]
    public string Sha256HexOfTheSameBytes() => Convert.ToHexStringLower(SHA256.HashData(_encoding));

    [Benchmark]
    public UInt128 Xxh3OfTheSameBytes() => XxHash3.Hash128(_encoding);

    [Benchmark]
    public UInt128 BuildKey()
    {
        var builder = new CacheKeyBuilder(s_scope, stackalloc byte[128]);
        Encode(ref builder);
        return builder.ToCacheKey().Hash;
    }

    [Benchmark]
    public string BuildKeyAndPrintIt()
    {
        var builder = new CacheKeyBuilder(s_scope, stackalloc byte[128]);
        Encode(ref builder);
        return builder.ToCacheKey().ToString();
    }

    private void Encode(ref CacheKeyBuilder builder)
    {
        builder.Add(_userId);
        builder.Add(s_region);
        builder.Add(_page);
    }
}
