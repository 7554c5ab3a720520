using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.Tests.Arrow;

public sealed class IpcRoundTripTests
{
    public static TheoryData<ArrowIpcCompression, int> Settings => new()
    {
        { ArrowIpcCompression.None, 64 },
        { ArrowIpcCompression.None, 8 },
        { ArrowIpcCompression.Zstd, 64 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Every_type_round_trips_through_a_stream(ArrowIpcCompression compression, int alignment)
    {
        var options = new ArrowIpcWriteOptions { Compression = compression, BufferAlignment = alignment };
        int[] sizes = [100, 0, 1, 1000, 7];
        var output = new MemoryStream();
        await using (var writer = new ArrowStreamWriter(output, ArrowSamples.AllTypesSchema, options, leaveOpen: true))
        {
            for (var i = 0; i < sizes.Length; i++)
            {
                using var batch = ArrowSamples.AllTypes(sizes[i], seed: i);
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        output.Position = 0;
        await using var reader = new ArrowStreamReader(output);
        var schema = await reader.ReadSchemaAsync();
        ArrowSamples.AssertEqual(ArrowSamples.AllTypesSchema, schema);
        for (var i = 0; i < sizes.Length; i++)
        {
            using var batch = await reader.ReadNextBatchAsync();
            using var expected = ArrowSamples.AllTypes(sizes[i], seed: i);
            Assert.NotNull(batch);
            ArrowSamples.AssertEqual(expected, batch);
        }

        Assert.Null(await reader.ReadNextBatchAsync());
        Assert.Null(await reader.ReadNextBatchAsync());
    }

    [Fact]
    public void The_framing_follows_the_spec()
    {
        var bytes = Write(new ArrowIpcWriteOptions(), ArrowSamples.AllTypes(33, 1), ArrowSamples.AllTypes(0, 2));

        // Each message: 0xFFFFFFFF, metadata length (8-aligned end), metadata, body (a multiple of 8); then the EOS marker.
        var at = 0;
        var messages = 0;
        while (true)
        {
            Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)));
            var metadataLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (metadataLength == 0)
            {
                break;
            }

            Assert.Equal(0, (8 + metadataLength) % 8);
            var bodyLength = BodyLength(bytes.AsSpan(at + 8, metadataLength));
            Assert.Equal(0, bodyLength % 8);
            at += 8 + metadataLength + (int)bodyLength;
            messages++;
        }

        Assert.Equal(3, messages);
        Assert.Equal(bytes.Length, at + 8);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, bytes[^8..]);
    }

    [Fact]
    public void Buffers_start_on_the_configured_alignment()
    {
        foreach (var alignment in new[] { 8, 64 })
        {
            var bytes = Write(new ArrowIpcWriteOptions { BufferAlignment = alignment }, ArrowSamples.AllTypes(13, 3));
            var message = new HighPerf.Data.Arrow.Ipc.IpcMessage();
            var schemaLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
            var at = 8 + schemaLength;
            var metadataLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            message.Decode(bytes.AsSpan(at + 8, metadataLength));
            for (var i = 0; i < message.BufferCount; i++)
            {
                Assert.Equal(0, message.Buffer(i).Offset % alignment);
            }
        }
    }

    [Fact]
    public async Task A_pipe_writer_and_a_sync_reader_agree()
    {
        var pipe = new Pipe();
        var write = Task.Run(async () =>
        {
            var writer = new ArrowStreamWriter(pipe.Writer, ArrowSamples.AllTypesSchema, new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd });
            for (var i = 0; i < 20; i++)
            {
                using var batch = ArrowSamples.AllTypes(500, seed: i);
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
            await pipe.Writer.CompleteAsync();
        });

        using var reader = new ArrowStreamReader(pipe.Reader.AsStream());
        var count = 0;
        foreach (var batch in reader.ReadAll())
        {
            using (batch)
            using (var expected = ArrowSamples.AllTypes(500, seed: count))
            {
                ArrowSamples.AssertEqual(expected, batch);
            }

            count++;
        }

        await write;
        Assert.Equal(20, count);
    }

    [Fact]
    public void A_buffer_writer_gets_the_same_bytes_as_a_stream()
    {
        var viaStream = Write(new ArrowIpcWriteOptions(), ArrowSamples.AllTypes(50, 4));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new ArrowStreamWriter(buffer, ArrowSamples.AllTypesSchema))
        using (var batch = ArrowSamples.AllTypes(50, 4))
        {
            writer.Write(batch);
            writer.Complete();
            Assert.Equal(viaStream.Length, writer.BytesWritten);
        }

        Assert.Equal(viaStream, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Zstd_makes_compressible_data_smaller_and_marks_what_it_leaves_raw()
    {
        using var builder = new Int64ArrayBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            builder.Append(i % 10);
        }

        var schema = new Schema([new Field("x", ArrowType.Int64)]);
        using var batch = new RecordBatch(schema, [builder.Build()], 100_000);
        var plain = WriteOne(schema, batch, new ArrowIpcWriteOptions());
        var packed = WriteOne(schema, batch, new ArrowIpcWriteOptions { Compression = ArrowIpcCompression.Zstd });
        Assert.True(packed.Length * 10 < plain.Length, $"{packed.Length} vs {plain.Length}");

        using var reader = new ArrowStreamReader(new MemoryStream(packed));
        using var back = reader.ReadNextBatch()!;
        Assert.Equal(batch.Column<Int64Array>(0).Values.ToArray(), back.Column<Int64Array>(0).Values.ToArray());
    }

    [Fact]
    public void A_stream_with_no_batches_has_a_schema_and_ends()
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, ArrowSamples.AllTypesSchema, leaveOpen: true))
        {
            writer.Complete();
            Assert.Throws<InvalidOperationException>(() => writer.Write(ArrowSamples.AllTypes(1, 1)));
        }

        using var reader = new ArrowStreamReader(new MemoryStream(output.ToArray()));
        Assert.Null(reader.ReadNextBatch());
        ArrowSamples.AssertEqual(ArrowSamples.AllTypesSchema, reader.Schema!);
    }

    [Fact]
    public void A_batch_that_does_not_match_the_schema_is_refused_before_anything_is_written()
    {
        var output = new MemoryStream();
        using var writer = new ArrowStreamWriter(output, ArrowSamples.AllTypesSchema, leaveOpen: true);
        using var other = new RecordBatch(new Schema([new Field("x", ArrowType.Int64)]), [new Int64ArrayBuilder().Build()], 0);
        Assert.Throws<ArgumentException>(() => writer.Write(other));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Reads_and_writes_honor_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var output = new MemoryStream();
        await using var writer = new ArrowStreamWriter(output, ArrowSamples.AllTypesSchema, leaveOpen: true);
        using var batch = ArrowSamples.AllTypes(3, 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await writer.WriteAsync(batch, cancelled.Token));

        var pipe = new Pipe();
        await using var reader = new ArrowStreamReader(pipe.Reader.AsStream());
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadNextBatchAsync(soon.Token));
    }

    internal static byte[] Write(ArrowIpcWriteOptions options, params RecordBatch[] batches)
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, batches[0].Schema, options, leaveOpen: true))
        {
            foreach (var batch in batches)
            {
                writer.Write(batch);
                batch.Dispose();
            }

            writer.Complete();
        }

        return output.ToArray();
    }

    private static byte[] WriteOne(Schema schema, RecordBatch batch, ArrowIpcWriteOptions options)
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, schema, options, leaveOpen: true))
        {
            writer.Write(batch);
            writer.Complete();
        }

        return output.ToArray();
    }

    private static long BodyLength(ReadOnlySpan<byte> metadata)
    {
        var message = new HighPerf.Data.Arrow.Ipc.IpcMessage();
        message.Decode(metadata);
        return message.BodyLength;
    }
}
