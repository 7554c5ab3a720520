using FsCheck;
using FsCheck.Fluent;

namespace HighPerf.Caching.Tests.Keys;

public sealed class KeyUniquenessTests
{
    [Fact]
    public void Ten_million_distinct_three_part_inputs_give_ten_million_distinct_keys()
    {
        // The three parts of a typical cached method: an id, a page number and a region.
        string[] regions = ["eu-west", "eu-central", "us-east", "us-west", "ap-south"];
        const int count = 10_000_000;
        var seen = new HashSet<UInt128>(count);
        Span<byte> buffer = stackalloc byte[128];
        for (var i = 0; i < count; i++)
        {
            var builder = new CacheKeyBuilder("orders", buffer);
            builder.Add((long)(i / 10));
            builder.Add(i % 10 / 5);
            builder.Add(regions[i % 5]);
            Assert.True(seen.Add(builder.ToCacheKey().Hash));
        }

        Assert.Equal(count, seen.Count);
    }

    [Fact]
    public void Keys_are_equal_exactly_when_their_parts_are()
    {
        var parts =
            from id in Gen.Choose(-3, 3)
            from name in Gen.Elements<string?>(null, "", "a", "b", "ab", "\u00e9")
            from score in Gen.Elements(0.0, -0.0, 1.5, double.NaN)
            select ((long)id, name, score);
        var pairs = (from x in parts from y in parts select (x, y)).ToArbitrary();
        Properties.Check(pairs, pair =>
        {
            var (x, y) = pair;
            var equalParts = x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.Equals(y.Item3);
            return (Build(x) == Build(y)) == equalParts;
        }, maxTest: 2_000);
    }

    private static CacheKey Build((long Id, string? Name, double Score) parts)
    {
        var builder = new CacheKeyBuilder("props", stackalloc byte[64]);
        builder.Add(parts.Id);
        builder.Add(parts.Name);
        builder.Add(parts.Score);
        return builder.ToCacheKey();
    }
}
