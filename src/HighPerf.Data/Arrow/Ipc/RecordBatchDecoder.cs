using HighPerf.Compression;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>
/// Turns a record batch message and its body into arrays. Uncompressed buffers (and compressed ones sent
/// raw, prefix -1) are zero-copy slices of the body memory; compressed ones are decompressed, in parallel,
/// into memory of their own. Every node, region, bitmap, offset and length is checked before an array is
/// made, so malformed input raises <see cref="ArrowFormatException"/> and never reads out of bounds.
/// </summary>
internal static unsafe class RecordBatchDecoder
{
    // Below this many compressed bytes in a batch, decompressing on other threads costs more than it saves.
    private const long ParallelThreshold = 1 << 20;

    public static RecordBatch Decode(Schema schema, IpcMessage message, AlignedMemory body, ArrowIpcReadOptions options)
    {
        var fields = schema.FieldSpan;
        var length = (int)message.Length;
        if (message.NodeCount != fields.Length)
        {
            ArrowFormatException.ThrowInvalid($"a record batch has {message.NodeCount} field nodes for {fields.Length} fields.");
        }

        var buffers = new ArrowBuffer[message.BufferCount];
        var taken = 0;
        var columns = new ArrowArray[fields.Length];
        var built = 0;
        try
        {
            Resolve(message, body, options, buffers);
            for (; built < fields.Length; built++)
            {
                var field = fields[built];
                var (nodeLength, nullCount) = message.Node(built);
                if (nodeLength != length)
                {
                    ArrowFormatException.ThrowInvalid($"column '{field.Name}' has {nodeLength} values in a batch of {length} rows.");
                }

                if (nullCount < 0 || nullCount > length)
                {
                    ArrowFormatException.ThrowInvalid($"column '{field.Name}' declares {nullCount} nulls among {length} values.");
                }

                var count = ArrowArrayFactory.BufferCount(field.Type);
                if (taken + count > buffers.Length)
                {
                    ArrowFormatException.ThrowInvalid($"a record batch lists {buffers.Length} buffers, too few for its fields.");
                }

                var own = buffers.AsSpan(taken, count);
                Validate(field.Type, field.Name, length, (int)nullCount, own);
                columns[built] = field.Type.Id == ArrowTypeId.Null ? new NullArray(length) : ArrowArrayFactory.Create(field.Type, length, (int)nullCount, own);
                taken += count;
            }

            if (taken != buffers.Length)
            {
                ArrowFormatException.ThrowInvalid($"a record batch lists {buffers.Length} buffers but its fields use {taken}.");
            }

            return new RecordBatch(schema, columns, length);
        }
        catch
        {
            for (var i = 0; i < built; i++)
            {
                columns[i].Dispose();
            }

            for (var i = taken; i < buffers.Length; i++)
            {
                buffers[i].Owner?.Unshare();
            }

            throw;
        }
    }

    /// <summary>Every buffer region as a buffer holding one share of its memory (on failure, the ones made so far are in <paramref name="buffers"/>).</summary>
    private static void Resolve(IpcMessage message, AlignedMemory body, ArrowIpcReadOptions options, ArrowBuffer[] buffers)
    {
        var jobs = message.Compressed ? new List<Job>() : null;
        long compressedBytes = 0;
        for (var i = 0; i < buffers.Length; i++)
        {
            var (offset, length) = message.Buffer(i);
            if (offset < 0 || length < 0 || offset > message.BodyLength || length > message.BodyLength - offset)
            {
                ArrowFormatException.ThrowInvalid($"buffer {i} ({offset}, {length}) lies outside the body of {message.BodyLength} bytes.");
            }

            var start = body.Pointer + offset;
            if (length == 0)
            {
                buffers[i] = ArrowBuffer.Zeros;
            }
            else if (jobs is null)
            {
                buffers[i] = View(body, start, (int)length);
            }
            else if (length < 8)
            {
                ArrowFormatException.Throw(ArrowErrorKind.Compression, $"Arrow: compressed buffer {i} is {length} bytes, shorter than its length prefix.");
            }
            else if (*(long*)start == IpcFormat.UncompressedMarker)
            {
                buffers[i] = View(body, start + 8, (int)length - 8);
            }
            else
            {
                var uncompressed = *(long*)start;
                if (uncompressed < 0 || uncompressed > options.MaxDecompressedBufferSize)
                {
                    ArrowFormatException.Throw(ArrowErrorKind.LimitExceeded, $"Arrow: compressed buffer {i} claims {uncompressed} bytes, outside 0 to {options.MaxDecompressedBufferSize}.");
                }

                var memory = new AlignedMemory((nuint)uncompressed);
                buffers[i] = new ArrowBuffer(memory, memory.Pointer, (int)uncompressed);
                jobs.Add(new Job(i, (nint)(start + 8), (int)length - 8));
                compressedBytes += length;
            }
        }

        if (jobs is null || jobs.Count == 0)
        {
            return;
        }

        var work = new Decompression(jobs, buffers);
        if (compressedBytes >= ParallelThreshold && jobs.Count > 1 && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, jobs.Count, work.Run);
        }
        else
        {
            for (var j = 0; j < jobs.Count; j++)
            {
                work.Run(j);
            }
        }

        work.ThrowIfFailed();
    }

    /// <summary>A zero-copy view of the body, or an aligned copy when the region is not 8-byte aligned (the format requires 8).</summary>
    private static ArrowBuffer View(AlignedMemory body, byte* start, int length)
    {
        if (((nuint)start & 7) == 0)
        {
            body.Share();
            return new ArrowBuffer(body, start, length);
        }

        var copy = new AlignedMemory((nuint)length);
        Buffer.MemoryCopy(start, copy.Pointer, length, length);
        return new ArrowBuffer(copy, copy.Pointer, length);
    }

    private static void Validate(ArrowType type, string name, int length, int nullCount, ReadOnlySpan<ArrowBuffer> buffers)
    {
        if (type.Id == ArrowTypeId.Null)
        {
            return;
        }

        if (nullCount > 0)
        {
            NeedBytes(buffers[0], BitUtility.BytesFor(length), name, "validity bitmap");
        }

        switch (type.Id)
        {
            case ArrowTypeId.Boolean:
                NeedBytes(buffers[1], BitUtility.BytesFor(length), name, "values");
                break;
            case ArrowTypeId.Utf8 or ArrowTypeId.Binary:
                if (length == 0 && buffers[1].Length == 0)
                {
                    break;
                }

                NeedBytes(buffers[1], (length + 1L) * 4, name, "offsets");
                var offsets = (int*)buffers[1].Pointer;
                if (offsets[0] < 0)
                {
                    ArrowFormatException.ThrowInvalid($"column '{name}' has a negative first offset.");
                }

                for (var i = 0; i < length; i++)
                {
                    if (offsets[i + 1] < offsets[i])
                    {
                        ArrowFormatException.ThrowInvalid($"column '{name}' has decreasing offsets at value {i}.");
                    }
                }

                if (offsets[length] > buffers[2].Length)
                {
                    ArrowFormatException.ThrowInvalid($"column '{name}' has offsets past its {buffers[2].Length} data bytes.");
                }

                break;
            default:
                NeedBytes(buffers[1], (long)length * (type.BitWidth / 8), name, "values");
                break;
        }
    }

    private static void NeedBytes(ArrowBuffer buffer, long bytes, string name, string what)
    {
        if (buffer.Length < bytes)
        {
            ArrowFormatException.ThrowInvalid($"the {what} buffer of column '{name}' has {buffer.Length} bytes; {bytes} are needed.");
        }
    }

    private readonly record struct Job(int Buffer, nint Source, int Length);

    /// <summary>The decompression of one batch's buffers, run on any thread; the first failure is kept and rethrown on the caller's.</summary>
    private sealed class Decompression(List<Job> jobs, ArrowBuffer[] buffers)
    {
        private Exception? _failure;

        public void Run(int index)
        {
            var job = jobs[index];
            var target = buffers[job.Buffer];
            try
            {
                if (!Zstd.TryDecompress(new ReadOnlySpan<byte>((byte*)job.Source, job.Length), new Span<byte>(target.Pointer, target.Length), out var written)
                    || written != target.Length)
                {
                    Fail(new ArrowFormatException(ArrowErrorKind.Compression, $"Arrow: compressed buffer {job.Buffer} does not decompress to the {target.Length} bytes its prefix says."));
                }
            }
            catch (ZstdException exception)
            {
                Fail(new ArrowFormatException(ArrowErrorKind.Compression, $"Arrow: compressed buffer {job.Buffer} is not valid zstd data: {exception.Message}", exception));
            }
        }

        public void ThrowIfFailed()
        {
            if (_failure is not null)
            {
                throw _failure;
            }
        }

        private void Fail(Exception exception) => Interlocked.CompareExchange(ref _failure, exception, null);
    }
}
