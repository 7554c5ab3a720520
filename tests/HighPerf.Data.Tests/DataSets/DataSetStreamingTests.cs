using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Data.Tests.DataSets;

/// <summary>Streaming scenarios, run on each store by the subclasses in <c>StoreTestClasses.cs</c>.</summary>
public abstract class DataSetStreamingTests
{
    protected abstract Task<DataSetTestStore> OpenStoreAsync();

    [Fact]
    public async Task Keyset_and_offset_yield_the_same_rows()
    {
        await using var store = await OpenStoreAsync();
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
    public async Task Offset_without_a_key_streams_every_row_once_in_storage_order()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(new DataSetDefinition("events", [new("id", DataSetColumnType.Int64, false), new("v", DataSetColumnType.String)]));
        var json = new System.Text.StringBuilder("[");
        for (var i = 1; i <= 5000; i++)
        {
            json.Append(i == 1 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"v\":\"r").Append(i).Append("\"}");
        }

        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(json.Append(']').ToString()));
        var ids = await ReadIds(store, DataSetStreamStrategy.Offset, 700);
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task Keyset_without_a_single_column_key_is_refused_clearly()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(new DataSetDefinition("t", [new("a", DataSetColumnType.Int32, false), new("b", DataSetColumnType.Int32, false)], PrimaryKey: ["a", "b"]));
        var error = await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.StreamArrowAsync("t", DataSetStreamStrategy.Keyset, 10, Stream.Null));
        Assert.Contains("single-column primary key", error.Message, StringComparison.Ordinal);
        var empty = await store.Registry.StreamArrowAsync("t", DataSetStreamStrategy.Offset, 10, Stream.Null);
        Assert.Equal(0, empty.Rows);
    }

    /// <summary>Rows the big stream reads: ten million on DuckDB, fewer where filling the table takes long.</summary>
    protected abstract int BigRows { get; }

    /// <summary>Fills <c>big(id, v)</c> with ids 0..rows-1 in the store's own SQL.</summary>
    protected abstract Task FillBigAsync(DataSetTestStore store, int rows);

    [Fact]
    public async Task Millions_of_rows_stream_to_the_end_with_bounded_memory()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(new DataSetDefinition("big", [new("id", DataSetColumnType.Int64, false), new("v", DataSetColumnType.Float64)], PrimaryKey: ["id"]));
        await FillBigAsync(store, BigRows);

        var counter = new CountingStream();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var writes = 0;

        // The live heap, sampled with a full collection every 16th write: garbage is not memory the stream holds.
        counter.OnWrite = () =>
        {
            if (++writes % 16 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        };
        var result = await store.Registry.StreamArrowAsync("big", DataSetStreamStrategy.Keyset, 100_000, counter);

        Assert.Equal(BigRows, result.Rows);
        Assert.True(counter.Bytes > BigRows * 16L, $"{counter.Bytes} bytes");
        Assert.True(writes >= 32, $"{writes} writes");

        // The managed heap never holds more than a small part of what went through (Arrow buffers are native and freed
        // per batch; the process's resident memory is asserted by the sample's test).
        Assert.True(peak < 32 * 1024 * 1024, $"the live managed heap grew by {peak} bytes");
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
