using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HighPerf.Data.Arrow;

namespace HighPerf.Benchmarks.Data;

/// <summary>
/// Arrow IPC stream write and read of the 6-column events table (1 million rows in one batch), uncompressed
/// and with ZSTD bodies, beside one <see cref="Span{T}.CopyTo(Span{T})"/> of the same number of bytes: the
/// physical limit of anything that has to move them. Writes go to a memory stream that keeps its capacity;
/// reads come from one. Every benchmark returns the uncompressed stream's length, which the GB/s column
/// divides by the mean time, so all rows count the same bytes.
/// </summary>
[Config(typeof(ArrowIpcBenchmarkConfig))]
public class ArrowIpcBenchmarks
{
    private RecordBatch? _batch;
    private byte[] _plain = [];
    private byte[] _zstd = [];
    private byte[] _copy = [];
    private MemoryStream _output = new();

    /// <summary>Rows in the batch.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _batch = ArrowEventsTable.Create(Rows);
        _plain = Serialize(_batch, new ArrowIpcWriteOptions());
        _zstd = Serialize(_batch, new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd });
        _copy = new byte[_plain.Length];
        _output = new MemoryStream(_plain.Length + 4096);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch?.Dispose();
        _output.Dispose();
    }

    /// <summary>The same bytes moved once by the runtime's memory copy.</summary>
    [Benchmark(Baseline = true)]
    public int MemoryCopy()
    {
        _plain.AsSpan().CopyTo(_copy);
        return _plain.Length;
    }

    [Benchmark]
    public int WriteIpc()
    {
        Write(new ArrowIpcWriteOptions());
        return _plain.Length;
    }

    [Benchmark]
    public int ReadIpc()
    {
        Read(_plain);
        return _plain.Length;
    }

    [Benchmark]
    public int WriteIpcZstd()
    {
        Write(s_zstdOptions);
        return _plain.Length;
    }

    [Benchmark]
    public int ReadIpcZstd()
    {
        Read(_zstd);
        return _plain.Length;
    }

    private static readonly ArrowIpcWriteOptions s_zstdOptions = new() { Compression = ArrowIpcCompression.Zstd };

    private void Write(ArrowIpcWriteOptions options)
    {
        _output.Position = 0;
        _output.SetLength(0);
        using var writer = new ArrowStreamWriter(_output, ArrowEventsTable.Schema, options, leaveOpen: true);
        writer.Write(_batch!);
        writer.Complete();
    }

    private static void Read(byte[] stream)
    {
        using var reader = new ArrowStreamReader(new MemoryStream(stream, writable: false));
        while (reader.ReadNextBatch() is { } batch)
        {
            batch.Dispose();
        }
    }

    internal static byte[] Serialize(RecordBatch batch, ArrowIpcWriteOptions options)
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, batch.Schema, options, leaveOpen: true))
        {
            writer.Write(batch);
            writer.Complete();
        }

        return output.ToArray();
    }
}

/// <summary>
/// Adds the GB/s column to the shared configuration for the Arrow suites, and gives BenchmarkDotNet's
/// rebuild of the project more than its default two minutes: on the shared 2-core machine other builds
/// run at the same time.
/// </summary>
public sealed class ArrowIpcBenchmarkConfig : ManualConfig
{
    public ArrowIpcBenchmarkConfig()
    {
        AddColumn(new GigabytesPerSecondColumn());
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
