using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using HighPerf.Benchmarks.Infrastructure;
using HighPerf.Compression;

namespace HighPerf.Benchmarks.Compression;

/// <summary>
/// Compression of real JSON lines by zstd (one-shot and streaming) against the framework's GZip and
/// Brotli. Output goes to buffers allocated once, so the codec is measured, not the allocator.
/// Every benchmark returns the compressed length: the Compression ratio column reads it.
/// </summary>
public class CompressionBenchmarks
{
    private byte[] _slice = [];
    private byte[] _destination = [];
    private MemoryStream _output = new();

    /// <summary>How many bytes of the corpus to compress.</summary>
    [Params(Corpus.SmallSlice, Corpus.LargeSlice)]
    public int SliceBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _slice = Corpus.Read(SliceBytes);
        var bound = Math.Max(Zstd.GetMaxCompressedLength(SliceBytes), BrotliEncoder.GetMaxCompressedLength(SliceBytes));
        _destination = new byte[bound];
        _output = new MemoryStream(bound);
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    /// <summary>zlib level 6.</summary>
    [Benchmark(Baseline = true)]
    public int GZipOptimal() => Codecs.GZip(_slice, _output, CompressionLevel.Optimal);

    /// <summary>zlib level 1.</summary>
    [Benchmark]
    public int GZipFastest() => Codecs.GZip(_slice, _output, CompressionLevel.Fastest);

    /// <summary>Quality 4, window 22: what <c>BrotliStream</c> does at <see cref="CompressionLevel.Optimal"/>.</summary>
    [Benchmark]
    public int BrotliOptimal() => Codecs.Brotli(_slice, _destination);

    [Benchmark]
    public int Zstd1() => Zstd.Compress(_slice, _destination, 1);

    [Benchmark]
    public int Zstd3() => Zstd.Compress(_slice, _destination, 3);

    /// <summary>Level -5, what the zstd tool calls <c>--fast=5</c>.</summary>
    [Benchmark]
    public int ZstdFast5() => Zstd.Compress(_slice, _destination, -5);

    /// <summary>The streaming path (ZSTD_compressStream2 through <see cref="ZstdStream"/>), what HTTP response compression uses.</summary>
    [Benchmark]
    public int ZstdStream3()
    {
        _output.SetLength(0);
        using (var zstd = new ZstdStream(_output, 3, leaveOpen: true))
        {
            zstd.Write(_slice);
        }

        return (int)_output.Length;
    }
}
