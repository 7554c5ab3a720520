using System.IO.Compression;

namespace HighPerf.Compression.Tests;

public sealed class DictionaryTests
{
    private static List<ReadOnlyMemory<byte>> Samples(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => (ReadOnlyMemory<byte>)TestData.Json(300 + i % 200, seed + i)).ToList();

    [Fact]
    public void A_trained_dictionary_makes_small_payloads_smaller_and_round_trips()
    {
        using var dictionary = ZstdDictionary.Train(Samples(2000, 10), maxSize: 16 * 1024);
        Assert.NotEqual(0u, dictionary.Id);
        Assert.InRange(dictionary.Content.Length, 256, 16 * 1024);

        var payload = TestData.Json(400, seed: 99_999);
        var without = Zstd.Compress(payload, 3);
        var with = Zstd.Compress(payload, 3, dictionary);
        Assert.True(with.Length < without.Length * 0.8, $"{with.Length} vs {without.Length}");
        Assert.Equal(payload, Zstd.Decompress(with, dictionary: dictionary));
    }

    [Fact]
    public void Streams_use_the_dictionary_both_ways()
    {
        using var dictionary = ZstdDictionary.Train(Samples(1000, 20));
        var payload = TestData.Json(5_000, seed: 7);
        var options = new ZstdStreamOptions { Dictionary = dictionary, Level = 5 };
        var compressed = ZstdStreamTests.CompressWithStream(payload, options, chunk: 333);
        Assert.Equal(payload, ZstdStreamTests.DecompressWithStream(compressed, options));
        Assert.Equal(payload, Zstd.Decompress(compressed, dictionary: dictionary));
    }

    [Fact]
    public void Missing_or_wrong_dictionary_is_a_dictionary_error()
    {
        using var right = ZstdDictionary.Train(Samples(1000, 30));
        using var wrong = ZstdDictionary.Train(Samples(1000, 5000));
        var compressed = Zstd.Compress(TestData.Json(500, seed: 1), 3, right);

        Assert.Equal(ZstdErrorKind.Dictionary, Assert.Throws<ZstdException>(() => Zstd.Decompress(compressed)).Kind);
        Assert.Equal(ZstdErrorKind.Dictionary, Assert.Throws<ZstdException>(() => Zstd.Decompress(compressed, dictionary: wrong)).Kind);
    }

    [Fact]
    public void Loading_the_bytes_again_gives_the_same_dictionary()
    {
        using var trained = ZstdDictionary.Train(Samples(1000, 40));
        using var loaded = new ZstdDictionary(trained.Content.Span);
        Assert.Equal(trained.Id, loaded.Id);
        var payload = TestData.Json(700, seed: 3);
        Assert.Equal(payload, Zstd.Decompress(Zstd.Compress(payload, 3, trained), dictionary: loaded));
    }

    [Fact]
    public void Training_on_too_little_data_fails_clearly()
    {
        var ex = Assert.Throws<ZstdException>(() => ZstdDictionary.Train([new byte[10], new byte[10]]));
        Assert.Equal(ZstdErrorKind.Dictionary, ex.Kind);
    }

    [Fact]
    public void A_disposed_dictionary_cannot_be_used()
    {
        var dictionary = ZstdDictionary.Train(Samples(1000, 50));
        dictionary.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Zstd.Compress(TestData.Json(100), 3, dictionary));
        Assert.Throws<ObjectDisposedException>(() => new ZstdStream(new MemoryStream(), CompressionMode.Compress, new ZstdStreamOptions { Dictionary = dictionary }));
    }
}
