using FsCheck.Fluent;

namespace HighPerf.Compression.Tests;

public sealed class OneShotTests
{
    [Fact]
    public void Round_trips_any_bytes_at_any_level()
    {
        var cases = Gen.Zip(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)), Gen.Choose(-50, 19)).ToArbitrary();
        Properties.Check(cases, c =>
        {
            var (data, level) = c;
            var compressed = Zstd.Compress(data, level);
            return Zstd.Decompress(compressed).AsSpan().SequenceEqual(data)
                && Zstd.GetDecompressedLength(compressed) == data.Length;
        }, maxTest: 300);
    }

    [Fact]
    public void Round_trips_text_of_any_length_at_any_level()
    {
        var cases = Gen.Zip(Gen.Choose(0, 300_000), Gen.Choose(-20, 19)).ToArbitrary();
        Properties.Check(cases, c =>
        {
            var data = TestData.Json(c.Item1, seed: c.Item1);
            return Zstd.Decompress(Zstd.Compress(data, c.Item2)).AsSpan().SequenceEqual(data);
        }, maxTest: 60);
    }

    public static TheoryData<int> EveryLevel()
    {
        var levels = new TheoryData<int> { Zstd.MinLevel, -1000, -100 };
        for (var level = -10; level <= Zstd.MaxLevel; level++)
        {
            levels.Add(level);
        }

        return levels;
    }

    [Theory]
    [MemberData(nameof(EveryLevel))]
    public void Every_level_round_trips(int level)
    {
        var data = TestData.Json(256 * 1024, seed: level);
        var compressed = Zstd.Compress(data, level);
        Assert.Equal(data, Zstd.Decompress(compressed));
        Assert.True(compressed.Length <= Zstd.GetMaxCompressedLength(data.Length));

        // The extreme negative levels trade all ratio for speed (-131072 stores); ordinary levels must shrink text.
        if (level >= -10)
        {
            Assert.True(compressed.Length < data.Length, $"level {level} did not compress text ({compressed.Length} >= {data.Length})");
        }
    }

    [Fact]
    public void Stronger_levels_compress_smaller_than_fast_ones()
    {
        var data = TestData.Json(512 * 1024);
        Assert.True(Zstd.Compress(data, 19).Length < Zstd.Compress(data, 3).Length);
        Assert.True(Zstd.Compress(data, 3).Length < Zstd.Compress(data, -5).Length);
    }

    [Fact]
    public void Empty_input_round_trips_to_empty()
    {
        var compressed = Zstd.Compress([]);
        Assert.NotEmpty(compressed);
        Assert.Empty(Zstd.Decompress(compressed));
        Assert.Equal(0, Zstd.GetDecompressedLength(compressed));
    }

    [Fact]
    public void One_byte_round_trips()
    {
        byte[] one = [0x42];
        Assert.Equal(one, Zstd.Decompress(Zstd.Compress(one)));
    }

    [Fact]
    public void Incompressible_data_round_trips_within_the_bound()
    {
        var data = TestData.Random(1024 * 1024);
        var compressed = Zstd.Compress(data, 3);
        Assert.InRange(compressed.Length, data.Length, Zstd.GetMaxCompressedLength(data.Length));
        Assert.Equal(data, Zstd.Decompress(compressed));
    }

    [Fact]
    public void Sixty_four_MiB_round_trips()
    {
        var data = new byte[64 * 1024 * 1024];
        TestData.Json(32 * 1024 * 1024).CopyTo(data, 0);
        TestData.Random(32 * 1024 * 1024).CopyTo(data, 32 * 1024 * 1024);

        var compressed = Zstd.Compress(data, 1);
        var back = new byte[data.Length];
        Assert.Equal(data.Length, Zstd.Decompress(compressed, back));
        Assert.True(back.AsSpan().SequenceEqual(data));
    }

    [Fact]
    public void A_destination_too_small_is_reported_not_overrun()
    {
        var data = TestData.Json(10_000);
        var compressed = Zstd.Compress(data);
        var small = new byte[compressed.Length - 1];

        Assert.False(Zstd.TryCompress(data, small, out var written));
        Assert.Equal(0, written);
        Assert.Equal(ZstdErrorKind.DestinationTooSmall, Assert.Throws<ZstdException>(() => Zstd.Compress(data, small)).Kind);
        Assert.False(Zstd.TryDecompress(compressed, new byte[data.Length - 1], out _));
        Assert.Equal(ZstdErrorKind.DestinationTooSmall, Assert.Throws<ZstdException>(() => Zstd.Decompress(compressed, new byte[10])).Kind);
    }

    [Fact]
    public void Concatenated_frames_decompress_as_one()
    {
        var a = TestData.Json(5_000, 1);
        var b = TestData.Json(7_000, 2);
        byte[] joined = [.. Zstd.Compress(a), .. Zstd.Compress(b, 9)];
        Assert.Equal([.. a, .. b], Zstd.Decompress(joined));
    }

    [Fact]
    public void A_result_past_the_limit_is_refused()
    {
        var compressed = Zstd.Compress(new byte[1_000_000]);
        var ex = Assert.Throws<ZstdException>(() => Zstd.Decompress(compressed, maxLength: 999_999));
        Assert.Equal(ZstdErrorKind.SizeLimitExceeded, ex.Kind);
        Assert.Equal(1_000_000, Zstd.Decompress(compressed, maxLength: 1_000_000).Length);
    }

    [Fact]
    public void Data_that_is_not_zstd_is_corrupt()
    {
        var ex = Assert.Throws<ZstdException>(() => Zstd.Decompress("{\"not\": \"zstd\"}"u8));
        Assert.Equal(ZstdErrorKind.CorruptData, ex.Kind);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void A_damaged_checksummed_frame_is_corrupt()
    {
        var data = TestData.Json(200_000);
        var compressed = ZstdStreamTests.CompressWithStream(data, new ZstdStreamOptions { Checksum = true });
        for (var at = 20; at < compressed.Length; at += compressed.Length / 17)
        {
            var damaged = (byte[])compressed.Clone();
            damaged[at] ^= 0x5A;
            var ex = Assert.Throws<ZstdException>(() => Zstd.Decompress(damaged));
            Assert.Contains(ex.Kind, new[] { ZstdErrorKind.CorruptData, ZstdErrorKind.TruncatedData, ZstdErrorKind.SizeLimitExceeded });
        }
    }

    [Fact]
    public void Random_damage_never_crashes_or_hangs()
    {
        var original = Zstd.Compress(TestData.Json(50_000), 3);
        var cases = Gen.Zip(Gen.Choose(0, original.Length - 1), Gen.Choose(1, 255)).ToArbitrary();
        Properties.Check(cases, c =>
        {
            var damaged = (byte[])original.Clone();
            damaged[c.Item1] ^= (byte)c.Item2;
            try
            {
                Zstd.Decompress(damaged, maxLength: 1_000_000);
                return true;
            }
            catch (ZstdException)
            {
                return true;
            }
        }, maxTest: 500);
    }

    [Fact]
    public void Every_truncation_is_an_error()
    {
        var compressed = Zstd.Compress(TestData.Json(3_000));
        for (var length = 0; length < compressed.Length; length++)
        {
            var cut = compressed.AsSpan(0, length).ToArray();
            var ex = Assert.Throws<ZstdException>(() => Zstd.Decompress(cut));
            Assert.Contains(ex.Kind, new[] { ZstdErrorKind.TruncatedData, ZstdErrorKind.CorruptData });
        }
    }

    [Fact]
    public void The_library_reports_its_version_and_levels()
    {
        Assert.True(Zstd.LibraryVersion >= new Version(1, 4, 0));
        Assert.Equal(22, Zstd.MaxLevel);
        Assert.True(Zstd.MinLevel < -1000);
    }
}
