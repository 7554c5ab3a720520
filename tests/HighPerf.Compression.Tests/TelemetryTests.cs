using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Compression;

namespace HighPerf.Compression.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public void Bytes_in_and_out_are_counted_per_operation()
    {
        var seen = new ConcurrentBag<(string Instrument, long Value, string? Operation)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CompressionTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? operation = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation")
                {
                    operation = tag.Value as string;
                }
            }

            seen.Add((instrument.Name, value, operation));
        });
        listener.Start();

        // Sizes no other test uses, so measurements from tests running in parallel cannot match.
        var data = TestData.Json(123_457, seed: 42);
        var compressed = Zstd.Compress(data);
        Zstd.Decompress(compressed);
        var streamed = new MemoryStream();
        using (var zstd = new ZstdStream(streamed, CompressionMode.Compress, leaveOpen: true))
        {
            zstd.Write(data.AsSpan(0, 98_765));
        }

        Assert.Contains((CompressionTelemetry.UncompressedBytes, 123_457L, "compress"), seen);
        Assert.Contains((CompressionTelemetry.CompressedBytes, (long)compressed.Length, "compress"), seen);
        Assert.Contains((CompressionTelemetry.UncompressedBytes, 123_457L, "decompress"), seen);
        Assert.Contains((CompressionTelemetry.UncompressedBytes, 98_765L, "compress"), seen);
        Assert.Contains((CompressionTelemetry.CompressedBytes, streamed.Length, "compress"), seen);
    }
}
