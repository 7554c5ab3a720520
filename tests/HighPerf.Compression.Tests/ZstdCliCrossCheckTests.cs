using System.IO.Compression;

namespace HighPerf.Compression.Tests;

/// <summary>Our frames against the reference zstd tool, both ways, byte for byte.</summary>
public sealed class ZstdCliCrossCheckTests
{
    private static readonly byte[] s_text = TestData.Json(3 * 1024 * 1024 + 17);
    private static readonly byte[] s_random = TestData.Random(300_000);

    public static TheoryData<int> Levels => new() { -5, -1, 1, 3, 9, 19 };

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_tool_decompresses_what_we_write(int level)
    {
        Assert.Equal(s_text, ZstdCli.Run(Zstd.Compress(s_text, level), "-d", "-c"));
        Assert.Equal(s_random, ZstdCli.Run(Zstd.Compress(s_random, level), "-d", "-c"));

        var streamed = ZstdStreamTests.CompressWithStream(s_text, new ZstdStreamOptions { Level = level, Checksum = true }, chunk: 100_000);
        Assert.Equal(s_text, ZstdCli.Run(streamed, "-d", "-c"));
    }

    [Fact]
    public void The_tool_decompresses_flushed_streams_and_empty_frames()
    {
        var output = new MemoryStream();
        using (var zstd = new ZstdStream(output, CompressionMode.Compress, leaveOpen: true))
        {
            for (var at = 0; at < 1_000_000; at += 50_000)
            {
                zstd.Write(s_text.AsSpan(at, 50_000));
                zstd.Flush();
            }
        }

        Assert.Equal(s_text[..1_000_000], ZstdCli.Run(output.ToArray(), "-d", "-c"));
        Assert.Empty(ZstdCli.Run(Zstd.Compress([]), "-d", "-c"));
    }

    public static TheoryData<string[]> ToolSettings => new()
    {
        new[] { "-1" },
        new[] { "-3" },
        new[] { "-19" },
        new[] { "--fast=5" },
        new[] { "--ultra", "-22" },
        new[] { "-3", "--no-check" },
        new[] { "-3", "-T2", "--long=27" },
        new[] { "-3", "--content-size" },
    };

    [Theory]
    [MemberData(nameof(ToolSettings))]
    public void We_decompress_what_the_tool_writes(string[] settings)
    {
        // From standard input the tool writes frames that do not record their size.
        var compressed = ZstdCli.Run(s_text, [.. settings, "-c"]);
        Assert.Equal(s_text, Zstd.Decompress(compressed));
        Assert.Equal(s_text, ZstdStreamTests.DecompressWithStream(compressed, trickle: 4099));
    }

    [Fact]
    public void We_decompress_the_repository_corpus_exactly_as_the_tool_does()
    {
        var compressed = File.ReadAllBytes(TestData.CorpusPath);
        var byTool = ZstdCli.Run(compressed, "-d", "-c");
        Assert.Equal(byTool, ZstdStreamTests.DecompressWithStream(compressed, readSize: 1 << 20));
        Assert.Equal(byTool, Zstd.Decompress(compressed));
    }

    [Fact]
    public void Dictionaries_are_interchangeable_with_the_tool()
    {
        var folder = Directory.CreateTempSubdirectory("highperf-zstd-dict-");
        try
        {
            var samples = new List<ReadOnlyMemory<byte>>();
            for (var i = 0; i < 1000; i++)
            {
                var sample = TestData.Json(300 + i % 300, seed: 100 + i);
                samples.Add(sample);
                File.WriteAllBytes(Path.Combine(folder.FullName, $"s{i}.json"), sample);
            }

            var toolDictionaryPath = Path.Combine(folder.FullName, "tool.dict");
            ZstdCli.Run([], ["--train", .. Directory.GetFiles(folder.FullName, "*.json"), "-o", toolDictionaryPath, "-q"]);
            using var toolDictionary = new ZstdDictionary(File.ReadAllBytes(toolDictionaryPath));

            using var ours = ZstdDictionary.Train(samples);
            var oursPath = Path.Combine(folder.FullName, "ours.dict");
            File.WriteAllBytes(oursPath, ours.Content.ToArray());

            var payload = TestData.Json(2_000, seed: 77);
            Assert.Equal(payload, Zstd.Decompress(ZstdCli.Run(payload, "-c", "-D", toolDictionaryPath), dictionary: toolDictionary));
            Assert.Equal(payload, ZstdCli.Run(Zstd.Compress(payload, 3, ours), "-d", "-c", "-D", oursPath));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
