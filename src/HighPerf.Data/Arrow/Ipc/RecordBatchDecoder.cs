using HighPerf.Compression;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>
/// Turns a record batch message and its body into arrays. Uncompressed buffers (and compressed ones sent
/// raw, prefix -1) are zero-copy slices of the body memory; compressed ones are decompressed into memory
/// of their own. Every node, region, bitmap, offset and length is checked before an array is made, so
/// malformed input raises <see cref="ArrowFormatException"/> and never reads out of bounds.
/// </summary>
internal static unsafe class RecordBatchDecoder
{
    public static RecordBatch Decode(Schema schema, IpcMessage message, AlignedMemory body, ArrowIpcReadOptions options)
    {
        var fields = schema.FieldSpan;
        var length = (int)message.Length;
        if (message.NodeCount != fields.Length)
        {
            ArrowFormatException.ThrowInvalid($"a record batch has {message.NodeCount} field nodes for {fields.Length} fields.");
        }

        var columns = new ArrowArray[fields.Length];
        var built = 0;
        var bufferIndex = 0;
        var buffers = new ArrowBuffer[3];
        try
        {
            for (; built < fields.Length; built++)
            {
                var type = fields[built].Type;
                var (nodeLength, nullCount) = message.Node(built);
                if (nodeLength != length)
                {
                    ArrowFormatException.ThrowInvalid($"column '{fields[built].Name}' has {nodeLength} values in a batch of {length} rows.");
                }

                if (nullCount < 0 || nullCount > length)
                {
                    ArrowFormatException.ThrowInvalid($"column '{fields[built].Name}' declares {nullCount} nulls among {length} values.");
                }

                if (type.Id == ArrowTypeId.Null)
                {
                    columns[built] = new NullArray(length);
                    continue;
                }

                var count = ArrowArrayFactory.BufferCount(type);
                if (bufferIndex + count > message.BufferCount)
                {
                    ArrowFormatException.ThrowInvalid($"a record batch lists {message.BufferCount} buffers, too few for its fields.");
                }

                Array.Clear(buffers);
                try
                {
                    for (var b = 0; b < count; b++)
                    {
                        buffers[b] = Slice(message, bufferIndex + b, body, options);
                    }

                    bufferIndex += count;
                    var nulls = (int)nullCount;
                    Validate(type, fields[built].Name, length, ref nulls, buffers);
                    columns[built] = ArrowArrayFactory.Create(type, length, nulls, buffers.AsSpan(0, count));
                }
                catch
                {
                    foreach (var buffer in buffers)
                    {
                        buffer.Owner?.Unshare();
                    }

                    throw;
                }
            }

            if (bufferIndex != message.BufferCount)
            {
                ArrowFormatException.ThrowInvalid($"a record batch lists {message.BufferCount} buffers but its fields use {bufferIndex}.");
            }

            return new RecordBatch(schema, columns, length);
        }
        catch
        {
            for (var i = 0; i < built; i++)
            {
                columns[i].Dispose();
            }

            throw;
        }
    }

    /// <summary>Buffer region <paramref name="index"/> as a buffer holding one share of its memory.</summary>
    private static ArrowBuffer Slice(IpcMessage message, int index, AlignedMemory body, ArrowIpcReadOptions options)
    {
        var (offset, length) = message.Buffer(index);
        if (offset < 0 || length < 0 || offset > message.BodyLength || length > message.BodyLength - offset)
        {
            ArrowFormatException.ThrowInvalid($"buffer {index} ({offset}, {length}) lies outside the body of {message.BodyLength} bytes.");
        }

        if (length == 0)
        {
            return ArrowBuffer.Zeros;
        }

        var start = body.Pointer + offset;
        if (!message.Compressed)
        {
            return View(body, start, (int)length);
        }

        if (length < 8)
        {
            ArrowFormatException.Throw(ArrowErrorKind.Compression, $"Arrow: compressed buffer {index} is {length} bytes, shorter than its length prefix.");
        }

        var uncompressed = *(long*)start;
        if (uncompressed == IpcFormat.UncompressedMarker)
        {
            return View(body, start + 8, (int)length - 8);
        }

        if (uncompressed < 0 || uncompressed > options.MaxDecompressedBufferSize)
        {
            ArrowFormatException.Throw(ArrowErrorKind.LimitExceeded, $"Arrow: compressed buffer {index} claims {uncompressed} bytes, outside 0 to {options.MaxDecompressedBufferSize}.");
        }

        var memory = new AlignedMemory((nuint)uncompressed);
        try
        {
            int written;
            var fits = Zstd.TryDecompress(new ReadOnlySpan<byte>(start + 8, (int)length - 8), new Span<byte>(memory.Pointer, (int)uncompressed), out written);
            if (!fits || written != uncompressed)
            {
                ArrowFormatException.Throw(ArrowErrorKind.Compression, $"Arrow: compressed buffer {index} does not decompress to the {uncompressed} bytes its prefix says.");
            }

            return new ArrowBuffer(memory, memory.Pointer, (int)uncompressed);
        }
        catch (ZstdException exception)
        {
            memory.Unshare();
            throw new ArrowFormatException(ArrowErrorKind.Compression, $"Arrow: compressed buffer {index} is not valid zstd data: {exception.Message}", exception);
        }
        catch
        {
            memory.Unshare();
            throw;
        }
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

    private static void Validate(ArrowType type, string name, int length, ref int nullCount, ArrowBuffer[] buffers)
    {
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
}
