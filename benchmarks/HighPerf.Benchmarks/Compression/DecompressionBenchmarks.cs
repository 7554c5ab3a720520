using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using HighPerf.Benchmarks.Infrastructure;
using HighPerf.Compression;

namespace HighPerf.Benchmarks.Compression;

/// <summary>
/// Decompression of the large slice, each codec reading what it wrote at its default level. Every
/// benchmark returns the compressed length it decoded from (the Compression ratio column reads it);
/// that the output is the original slice is checked once, in setup.
/// </summary>
public class DecompressionBenchmarks
{
    private byte[] _destination = [];
    private MemoryStream _gzip = new();
    private byte[] _brotli = [];
    private byte[] _zstd = [];

    /// <summary>How many bytes of the corpus were compressed; one value, so the suite stays short.</summary>
    [Params(Corpus.LargeSlice)]
    public int SliceBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var slice = Corpus.Read(SliceBytes);

        // One spare byte: gzip must see its end of stream, which it cannot in a buffer that is already full.
        _destination = new byte[SliceBytes + 1];

        _gzip = new MemoryStream();
        Codecs.GZip(slice, _gzip, CompressionLevel.Optimal);
        var brotli = new byte[BrotliEncoder.GetMaxCompressedLength(SliceBytes)];
        _brotli = brotli.AsSpan(0, Codecs.Brotli(slice, brotli)).ToArray();
        _zstd = Zstd.Compress(slice, Zstd.DefaultLevel);

        Check(slice, Codecs.GUnzip(_gzip, _destination), "GZip");
        Check(slice, Codecs.Unbrotli(_brotli, _destination), "Brotli");
        Check(slice, Zstd.Decompress(_zstd, _destination), "zstd");
    }

    [GlobalCleanup]
    public void Cleanup() => _gzip.Dispose();

    [Benchmark(Baseline = true)]
    public int GZip()
    {
        Codecs.GUnzip(_gzip, _destination);
        return (int)_gzip.Length;
    }

    [Benchmark]
    public int Brotli()
    {
        Codecs.Unbrotli(_brotli, _destination);
        return _brotli.Length;
    }

    [Benchmark]
    public int Zstd3()
    {
        Zstd.Decompress(_zstd, _destination);
        return _zstd.Length;
    }

    private void Check(byte[] slice, int length, string codec)
    {
        if (!_destination.AsSpan(0, length).SequenceEqual(slice))
        {
            throw new InvalidOperationException($"{codec} did not give back the slice it compressed.");
        }
    }
}
