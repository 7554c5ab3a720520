using System.Net;

namespace HighPerf.Compression.Tests;

/// <summary>
/// xunit runs test classes in parallel; these tests count allocations process-wide, so they run
/// alone in their own collection, where nothing else allocates while they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuringCollection
{
    public const string Name = "Allocation measuring";
}

[Collection(AllocationMeasuringCollection.Name)]
public sealed class AllocationBoundTests
{
    [Fact]
    public void A_header_that_claims_a_huge_size_does_not_allocate_it()
    {
        // RFC 8878 frame: magic, descriptor (8-byte content size, window descriptor), window 1 KiB,
        // content size 1.5 GB, then one last raw block of 5 bytes.
        byte[] frame =
        [
            0x28, 0xB5, 0x2F, 0xFD, 0xC0, 0x00,
            .. BitConverter.GetBytes(1_500_000_000UL),
            0x29, 0x00, 0x00, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o',
        ];
        Assert.Equal(1_500_000_000, Zstd.GetDecompressedLength(frame));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = Assert.Throws<ZstdException>(() => Zstd.Decompress(frame));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Contains(ex.Kind, new[] { ZstdErrorKind.CorruptData, ZstdErrorKind.TruncatedData });
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated for a {frame.Length}-byte input");
    }

    [Fact]
    public async Task A_small_body_that_inflates_past_the_limit_gets_413()
    {
        await using var app = await HttpTestApp.StartAsync(new() { ["HighPerf:Compression:MaxDecompressedRequestSize"] = "1048576" });

        // 256 MiB of zeros in about 8 KiB.
        var bomb = new MemoryStream();
        await using (var zstd = new ZstdStream(bomb, 1, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                await zstd.WriteAsync(zeros);
            }
        }

        Assert.True(bomb.Length < 100_000);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await app.Client.SendAsync(HttpTestApp.PostZstd("/length", bomb.ToArray()));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated} bytes allocated while refusing a bomb");
    }
}
