using System.Diagnostics;
using System.IO.Pipelines;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Benchmarks.Streaming;

/// <summary>
/// Streams a data set through <see cref="DataSetRegistry.StreamArrowAsync"/> into a bounded pipe and reads it back with
/// <see cref="ArrowStreamReader"/> on the other end, the way a client would: a page ends when the rows read reach a
/// multiple of the batch size, and the consumer's clock is read there. The pipe pauses the writer past 4 MiB, so the
/// producer can never run ahead of the consumer by more than that.
/// </summary>
internal static class StreamConsumer
{
    private static readonly PipeOptions Bounded = new(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20, useSynchronizationContext: false);

    public static async Task<StreamMeasurement> RunAsync(DataSetRegistry registry, string name, long expectedRows, DataSetStreamStrategy strategy, int batchSize)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: false);
        var residentBefore = ProcessMemory.ResidentBytes();
        var canResetPeak = ProcessMemory.TryResetPeak();

        var pipe = new Pipe(Bounded);
        var pages = (int)((expectedRows + batchSize - 1) / batchSize);
        var batchMs = new double[pages];
        long peakManaged = 0;
        long peakResident = residentBefore;
        long rows = 0;
        long bytes = 0;

        var started = Stopwatch.GetTimestamp();
        var producer = Task.Run(async () =>
        {
            var output = pipe.Writer.AsStream();
            try
            {
                return await registry.StreamArrowAsync(name, strategy, batchSize, output);
            }
            finally
            {
                await pipe.Writer.CompleteAsync();
            }
        });

        var input = new CountingReadStream(pipe.Reader.AsStream());
        await using (var reader = new ArrowStreamReader(input))
        {
            var previous = started;
            var page = 0;
            while (await reader.ReadNextBatchAsync() is { } batch)
            {
                using (batch)
                {
                    rows += batch.Length;
                }

                // DuckDB's chunks tile each page exactly (the page is a LIMIT), so a page's last row lands on the multiple.
                while (page < pages && rows >= Math.Min((long)(page + 1) * batchSize, expectedRows))
                {
                    var now = Stopwatch.GetTimestamp();
                    batchMs[page++] = Stopwatch.GetElapsedTime(previous, now).TotalMilliseconds;
                    previous = now;
                    peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false) - managedBefore);
                    peakResident = Math.Max(peakResident, ProcessMemory.ResidentBytes());
                }
            }
        }

        var result = await producer;
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        bytes = input.BytesRead;
        if (rows != expectedRows || result.Rows != expectedRows)
        {
            throw new InvalidOperationException($"The {strategy} stream delivered {rows} rows (the registry says {result.Rows}); expected {expectedRows}.");
        }

        if (canResetPeak)
        {
            peakResident = Math.Max(peakResident, ProcessMemory.PeakResidentBytes());
        }

        var library = new double[result.PageDurations.Count];
        for (var i = 0; i < library.Length; i++)
        {
            library[i] = result.PageDurations[i].TotalMilliseconds;
        }

        return new StreamMeasurement(strategy, batchSize, rows, bytes, batchMs, library, total, Math.Max(0, peakManaged), peakResident, residentBefore);
    }

    /// <summary>Counts what the reader takes from the pipe.</summary>
    private sealed class CountingReadStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
