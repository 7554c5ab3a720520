using System.Text;
using HighPerf.Caching.Keys;

namespace HighPerf.Caching.Tests.Keys;

/// <summary>Our XXH3-128 (libxxhash through LibraryImport) against the xxhsum tool, for the same bytes.</summary>
public sealed class XxHashCrossCheckTests
{
    // Every length class of XXH3's implementation: 0, 1-3, 4-8, 9-16, 17-128, 129-240, longer,
    // and one past the limit where the call stops suppressing the GC transition.
    public static TheoryData<int> Lengths => [0, 1, 3, 4, 8, 9, 16, 17, 64, 128, 129, 200, 240, 241, 1024, 4096, 65536, 65537, 1 << 20];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void The_hash_of_random_bytes_equals_xxhsum_H2(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Assert.Equal(XxHsum.Hash128(data), XxHash3.Hash128(data).ToString("x32"));
    }

    [Fact]
    public void A_built_key_is_the_hash_of_its_encoding_as_xxhsum_computes_it()
    {
        var builder = new CacheKeyBuilder("user_data", stackalloc byte[256]);
        builder.Add(42L);
        builder.Add("eu-west");
        builder.Add(Guid.Parse("0d9e4cf0-52a7-4c3c-9a2b-2f1d6b1c4e11"));
        var encoding = builder.WrittenBytes.ToArray();
        var key = builder.ToCacheKey();
        Assert.Equal(XxHsum.Hash128(encoding), key.Hash.ToString("x32"));
    }

    [Fact]
    public void A_string_key_is_the_hash_of_its_utf8_bytes()
    {
        const string text = "user:42:profile:\u00e9\u4e2d\U0001F511";
        Assert.Equal(XxHsum.Hash128(Encoding.UTF8.GetBytes(text)), CacheKey.FromString(text).Hash.ToString("x32"));
    }

    [Fact]
    public void A_long_string_key_hashes_through_a_pooled_buffer_the_same()
    {
        var text = new string('k', 10_000) + "\u20ac";
        Assert.Equal(XxHsum.Hash128(Encoding.UTF8.GetBytes(text)), CacheKey.FromString(text).Hash.ToString("x32"));
    }
}
