using System.IO.Compression;
using FsCheck.Fluent;

namespace HighPerf.Compression.Tests;

public sealed class ZstdStreamTests
{
    internal static byte[] CompressWithStream(ReadOnlySpan<byte> data, ZstdStreamOptions? options = null, int chunk = int.MaxValue)
    {
        var output = new MemoryStream();
        using (var zstd = new ZstdStream(output, CompressionMode.Compress, options ?? new ZstdStreamOptions(), leaveOpen: true))
        {
            for (var at = 0; at < data.Length; at += chunk)
            {
                zstd.Write(data.Slice(at, Math.Min(chunk, data.Length - at)));
            }
        }

        return output.ToArray();
    }

    internal static byte[] DecompressWithStream(byte[] compressed, ZstdStreamOptions? options = null, int readSize = 81920, int trickle = int.MaxValue)
    {
        using var zstd = new ZstdStream(new TricklingStream(new MemoryStream(compressed), trickle), CompressionMode.Decompress, options ?? new ZstdStreamOptions());
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = zstd.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [Fact]
    public void Round_trips_with_any_write_and_read_sizes()
    {
        var cases = Gen.Zip(
            Gen.Zip(Gen.Choose(0, 400_000), Gen.Choose(-10, 19)),
            Gen.Zip(Gen.Choose(1, 100_000), Gen.Choose(1, 100_000))).ToArbitrary();
        Properties.Check(cases, c =>
        {
            var ((length, level), (writeChunk, readSize)) = c;
            var data = TestData.Json(length, seed: length);
            var compressed = CompressWithStream(data, new ZstdStreamOptions { Level = level }, writeChunk);
            return DecompressWithStream(compressed, readSize: readSize).AsSpan().SequenceEqual(data)
                && Zstd.Decompress(compressed).AsSpan().SequenceEqual(data);
        }, maxTest: 60);
    }

    [Theory]
    [MemberData(nameof(OneShotTests.EveryLevel), MemberType = typeof(OneShotTests))]
    public void Every_level_round_trips_through_streams(int level)
    {
        var data = TestData.Json(300_000, seed: level);
        var compressed = CompressWithStream(data, new ZstdStreamOptions { Level = level }, chunk: 70_000);
        Assert.Equal(data, DecompressWithStream(compressed));
    }

    [Fact]
    public void Decompresses_input_that_arrives_one_byte_at_a_time()
    {
        var data = TestData.Json(60_000);
        var compressed = Zstd.Compress(data);
        Assert.Equal(data, DecompressWithStream(compressed, trickle: 1, readSize: 7));
    }

    [Fact]
    public void Sixty_four_MiB_round_trips_through_streams()
    {
        var data = new byte[64 * 1024 * 1024];
        TestData.Json(48 * 1024 * 1024).CopyTo(data, 0);
        TestData.Random(16 * 1024 * 1024).CopyTo(data, 48 * 1024 * 1024);
        var compressed = CompressWithStream(data, new ZstdStreamOptions { Level = -1 }, chunk: 1 << 20);
        Assert.True(DecompressWithStream(compressed, readSize: 1 << 20).AsSpan().SequenceEqual(data));
    }

    [Fact]
    public void Flush_makes_everything_written_so_far_decodable_without_ending_the_frame()
    {
        var first = TestData.Json(10_000, 1);
        var second = TestData.Json(20_000, 2);
        var output = new MemoryStream();
        using var zstd = new ZstdStream(output, CompressionMode.Compress, leaveOpen: true);
        zstd.Write(first);
        zstd.Flush();

        // What reached the wire so far decodes to exactly the first part, then ends mid-frame.
        var soFar = output.ToArray();
        var decoded = new MemoryStream();
        using (var reader = new ZstdStream(new MemoryStream(soFar), CompressionMode.Decompress))
        {
            var ex = Assert.Throws<ZstdException>(() => reader.CopyTo(decoded));
            Assert.Equal(ZstdErrorKind.TruncatedData, ex.Kind);
        }

        Assert.Equal(first, decoded.ToArray());

        zstd.Write(second);
        zstd.Dispose();
        Assert.Equal([.. first, .. second], Zstd.Decompress(output.ToArray()));
    }

    [Fact]
    public async Task The_async_path_never_uses_synchronous_io()
    {
        var data = TestData.Json(500_000);
        var sink = new AsyncOnlyStream();
        await using (var zstd = new ZstdStream(sink, CompressionMode.Compress, leaveOpen: true))
        {
            await zstd.WriteAsync(data.AsMemory(0, 100_000));
            await zstd.FlushAsync();
            await zstd.WriteAsync(data.AsMemory(100_000));
        }

        Assert.True(sink.Flushes >= 2);
        var compressed = sink.Inner.ToArray();
        Assert.Equal(data, Zstd.Decompress(compressed));

        await using var reader = new ZstdStream(new TricklingStream(new MemoryStream(compressed), 1000), CompressionMode.Decompress);
        var back = new MemoryStream();
        await reader.CopyToAsync(back);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void An_empty_compressed_stream_is_a_valid_empty_frame()
    {
        var compressed = CompressWithStream([]);
        Assert.NotEmpty(compressed);
        Assert.Empty(Zstd.Decompress(compressed));
        Assert.Empty(DecompressWithStream(compressed));
    }

    [Fact]
    public void Empty_input_decompresses_to_nothing()
    {
        Assert.Empty(DecompressWithStream([]));
    }

    [Fact]
    public void Concatenated_frames_read_as_one_stream()
    {
        var a = TestData.Json(70_000, 3);
        var b = TestData.Json(90_000, 4);
        byte[] joined = [.. CompressWithStream(a), .. Zstd.Compress(b)];
        Assert.Equal([.. a, .. b], DecompressWithStream(joined, trickle: 997));
    }

    [Fact]
    public void Every_truncation_is_an_error_never_a_short_read()
    {
        var data = TestData.Json(4_000);
        var compressed = CompressWithStream(data);
        for (var length = 1; length < compressed.Length; length++)
        {
            var cut = compressed[..length];
            var ex = Assert.Throws<ZstdException>(() => DecompressWithStream(cut));
            Assert.Contains(ex.Kind, new[] { ZstdErrorKind.TruncatedData, ZstdErrorKind.CorruptData });
        }
    }

    [Fact]
    public void Garbage_is_corrupt_data()
    {
        var ex = Assert.Throws<ZstdException>(() => DecompressWithStream(TestData.Random(10_000)));
        Assert.Equal(ZstdErrorKind.CorruptData, ex.Kind);
    }

    [Fact]
    public void A_bomb_stops_at_the_limit_without_producing_more()
    {
        // 1 GiB of zeros in a few KiB.
        var bomb = new MemoryStream();
        using (var zstd = new ZstdStream(bomb, CompressionMode.Compress, new ZstdStreamOptions { Level = 1 }, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 1024; i++)
            {
                zstd.Write(zeros);
            }
        }

        Assert.True(bomb.Length < 200_000, $"bomb is {bomb.Length} bytes");
        const int limit = 1_000_000;
        using var reader = new ZstdStream(new MemoryStream(bomb.ToArray()), CompressionMode.Decompress, new ZstdStreamOptions { MaxDecompressedLength = limit });
        var buffer = new byte[1 << 16];
        long total = 0;
        var ex = Assert.Throws<ZstdException>(() =>
        {
            int read;
            while ((read = reader.Read(buffer)) > 0)
            {
                total += read;
            }
        });
        Assert.Equal(ZstdErrorKind.SizeLimitExceeded, ex.Kind);
        Assert.True(total <= limit, $"{total} bytes were handed out past the limit");
    }

    [Fact]
    public void A_window_larger_than_allowed_is_refused()
    {
        var compressed = CompressWithStream(TestData.Json(100_000), new ZstdStreamOptions { Level = 1, WindowLog = 27 });
        var ex = Assert.Throws<ZstdException>(() => DecompressWithStream(compressed, new ZstdStreamOptions { WindowLog = 23 }));
        Assert.Equal(ZstdErrorKind.SizeLimitExceeded, ex.Kind);
        Assert.Equal(TestData.Json(100_000), DecompressWithStream(compressed));
    }

    [Fact]
    public void Checksummed_frames_round_trip()
    {
        var data = TestData.Json(123_456);
        var plain = CompressWithStream(data);
        var summed = CompressWithStream(data, new ZstdStreamOptions { Checksum = true });
        Assert.Equal(plain.Length + 4, summed.Length);
        Assert.Equal(data, DecompressWithStream(summed));
    }

    [Fact]
    public void Misuse_gets_clear_exceptions()
    {
        var compressor = new ZstdStream(new MemoryStream(), CompressionMode.Compress);
        Assert.False(compressor.CanRead);
        Assert.Throws<NotSupportedException>(() => compressor.Read(new byte[1]));
        Assert.Throws<NotSupportedException>(() => compressor.Seek(0, SeekOrigin.Begin));
        compressor.Dispose();
        compressor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => compressor.Write(new byte[1]));

        var decompressor = new ZstdStream(new MemoryStream(), CompressionMode.Decompress);
        Assert.Throws<NotSupportedException>(() => decompressor.Write(new byte[1]));
        decompressor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => decompressor.Read(new byte[1]));

        Assert.Throws<ArgumentException>(() => new ZstdStream(new MemoryStream([], writable: false), CompressionMode.Compress));
        var bad = Assert.Throws<ZstdException>(() => new ZstdStream(new MemoryStream(), CompressionMode.Compress, new ZstdStreamOptions { WindowLog = 99 }));
        Assert.Equal(ZstdErrorKind.InvalidParameter, bad.Kind);
    }

    [Fact]
    public void Disposing_leaves_the_inner_stream_open_only_when_asked()
    {
        var kept = new MemoryStream();
        new ZstdStream(kept, CompressionMode.Compress, leaveOpen: true).Dispose();
        Assert.True(kept.CanWrite);

        var closed = new MemoryStream();
        new ZstdStream(closed, CompressionMode.Compress).Dispose();
        Assert.False(closed.CanWrite);
    }

    [Fact]
    public void Framework_levels_map_to_zstd_levels()
    {
        var data = TestData.Json(200_000);
        foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize, CompressionLevel.NoCompression })
        {
            var output = new MemoryStream();
            using (var zstd = new ZstdStream(output, level, leaveOpen: true))
            {
                zstd.Write(data);
            }

            Assert.Equal(data, Zstd.Decompress(output.ToArray()));
        }
    }
}
