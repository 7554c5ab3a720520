using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Data.Tests.DataSets;

public sealed class DataSetStreamingTests
{
    [Fact]
    public async Task Keyset_and_offset_yield_the_same_rows()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(25_003)));

        var offset = await ReadIds(store, DataSetStreamStrategy.Offset, 1000);
        var keyset = await ReadIds(store, DataSetStreamStrategy.Keyset, 1000);
        Assert.Equal(25_003, offset.Count);
        Assert.Equal(offset, keyset);
        for (var i = 0; i < offset.Count; i++)
        {
            Assert.Equal(i + 1, offset[i]);
        }
    }

    [Fact]
    public async Task Keyset_without_a_single_column_key_is_refused_clearly()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(new DataSetDefinition("t", [new("a", DataSetColumnType.Int32, false), new("b", DataSetColumnType.Int32, false)], PrimaryKey: ["a", "b"]));
        var error = await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.StreamArrowAsync("t", DataSetStreamStrategy.Keyset, 10, Stream.Null));
        Assert.Contains("single-column primary key", error.Message, StringComparison.Ordinal);
        var empty = await store.Registry.StreamArrowAsync("t", DataSetStreamStrategy.Offset, 10, Stream.Null);
        Assert.Equal(0, empty.Rows);
    }

    [Fact]
    public async Task Ten_million_rows_stream_to_the_end_with_bounded_memory()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(new DataSetDefinition("big", [new("id", DataSetColumnType.Int64, false), new("v", DataSetColumnType.Float64)], PrimaryKey: ["id"]));
        store.Database.Execute("INSERT INTO big SELECT range, range * 0.5 FROM range(10000000)");

        var counter = new CountingStream();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        counter.OnWrite = () => peak = Math.Max(peak, GC.GetTotalMemory(false) - before);
        var result = await store.Registry.StreamArrowAsync("big", DataSetStreamStrategy.Keyset, 100_000, counter);

        Assert.Equal(10_000_000, result.Rows);
        Assert.True(counter.Bytes > 160_000_000, $"{counter.Bytes} bytes");

        // The managed heap never holds more than a small part of the 160 MB that went through (Arrow buffers are native
        // and freed per batch; the process's resident memory is asserted by the sample's test).
        Assert.True(peak < 64 * 1024 * 1024, $"managed heap grew by {peak} bytes");
    }

    private static async Task<List<long>> ReadIds(DataSetTestStore store, DataSetStreamStrategy strategy, int batchSize)
    {
        var stream = new MemoryStream();
        await store.Registry.StreamArrowAsync("events", strategy, batchSize, stream);
        stream.Position = 0;
        var ids = new List<long>();
        using var reader = new ArrowStreamReader(stream);
        foreach (var batch in reader.ReadAll())
        {
            using (batch)
            {
                var column = batch.Column<Int64Array>(0);
                for (var i = 0; i < batch.Length; i++)
                {
                    ids.Add(column.GetValue(i));
                }
            }
        }

        return ids;
    }

    private sealed class CountingStream : Stream
    {
        public long Bytes { get; private set; }

        public Action? OnWrite { get; set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Bytes;

        public override long Position { get => Bytes; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Bytes += buffer.Length;
            OnWrite?.Invoke();
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
    }
}
