using System.Buffers;
using HighPerf.Compression;
using HighPerf.Data.Arrow.Ipc.FlatBuffers;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>
/// Lays out one record batch: the FlatBuffers <c>Message</c> with its nodes and buffer regions, and the body
/// as a list of segments. Uncompressed buffers go out straight from the arrays' memory. With ZSTD each
/// non-empty buffer becomes its uncompressed length (int64) and one zstd frame, or -1 and the raw bytes
/// when compression would not make it smaller (Message.fbs, BodyCompressionMethod.BUFFER); buffers are
/// compressed in parallel, each into its own slot of one scratch array. Reused batch after batch.
/// </summary>
internal sealed unsafe class RecordBatchEncoder : IDisposable
{
    // Below this many bytes in a batch, compressing on other threads costs more than it saves.
    private const long ParallelThreshold = 1 << 20;

    private readonly FlatBufferBuilder _builder = new();
    private readonly List<BodySegment> _segments = [];
    private readonly List<(long Offset, long Length)> _regions = [];
    private readonly List<(long Length, long NullCount)> _nodes = [];
    private readonly List<(nint Pointer, int Length)> _buffers = [];
    private readonly Action<int> _compressOne;
    private int[] _slots = [];
    private int[] _compressed = [];
    private byte[] _scratch = [];
    private int _level;

    public RecordBatchEncoder()
    {
        _compressOne = CompressOne;
    }

    public FlatBufferBuilder Builder => _builder;

    public List<BodySegment> Segments => _segments;

    public byte[] Scratch => _scratch;

    /// <summary>Encodes <paramref name="batch"/>; returns the body length (a multiple of 8).</summary>
    public long Encode(RecordBatch batch, int alignment, int? zstdLevel)
    {
        _segments.Clear();
        _regions.Clear();
        _nodes.Clear();
        _buffers.Clear();
        foreach (var column in batch.ColumnSpan)
        {
            _nodes.Add((column.Length, column.NullCount));
            CollectBuffers(column);
        }

        long body = 0;
        if (zstdLevel is { } level)
        {
            Compress(level);
            for (var i = 0; i < _buffers.Count; i++)
            {
                AddCompressed(i, ref body);
            }
        }
        else
        {
            foreach (var (pointer, length) in _buffers)
            {
                AddPlain((byte*)pointer, length, alignment, ref body);
            }
        }

        WriteMessage(batch.Length, body, zstdLevel is not null);
        return body;
    }

    public void Dispose()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }

    /// <summary>The buffers of <paramref name="column"/> in layout order, each with the exact number of bytes the format needs.</summary>
    private void CollectBuffers(ArrowArray column)
    {
        var buffers = column.Buffers;
        if (column.Type.Id == ArrowTypeId.Null)
        {
            return;
        }

        // An absent bitmap (no nulls) is an empty buffer.
        _buffers.Add(column.NullCount > 0 ? ((nint)buffers[0].Pointer, BitUtility.BytesFor(column.Length)) : (0, 0));
        switch (column.Type.Id)
        {
            case ArrowTypeId.Utf8 or ArrowTypeId.Binary:
                var offsets = (int*)buffers[1].Pointer;
                _buffers.Add(((nint)(offsets == null ? (int*)ArrowBuffer.ZeroBlock : offsets), (column.Length + 1) * sizeof(int)));
                _buffers.Add(((nint)buffers[2].Pointer, column.Length == 0 || offsets == null ? 0 : offsets[column.Length]));
                break;
            case ArrowTypeId.Boolean:
                _buffers.Add(((nint)buffers[1].Pointer, BitUtility.BytesFor(column.Length)));
                break;
            default:
                _buffers.Add(((nint)buffers[1].Pointer, checked(column.Length * (column.Type.BitWidth / 8))));
                break;
        }
    }

    private void AddPlain(byte* pointer, int length, int alignment, ref long body)
    {
        if (length == 0)
        {
            _regions.Add((body, 0));
            return;
        }

        var padding = Pad(body + length, alignment);
        _segments.Add(new BodySegment(pointer, length, padding));
        _regions.Add((body, length));
        body += length + padding;
    }

    /// <summary>Compresses every non-empty buffer into its scratch slot: the 8-byte prefix, then the frame.</summary>
    private void Compress(int level)
    {
        var count = _buffers.Count;
        if (_slots.Length < count)
        {
            _slots = new int[Math.Max(count, _slots.Length * 2)];
            _compressed = new int[_slots.Length];
        }

        long needed = 0;
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var length = _buffers[i].Length;
            _slots[i] = (int)needed;
            needed += length == 0 ? 0 : 8 + Zstd.GetMaxCompressedLength(length);
            total += length;
            if (needed > Array.MaxLength)
            {
                throw new InvalidOperationException("The record batch is too large to compress in one message; write it in smaller batches.");
            }
        }

        if (_scratch.Length < needed)
        {
            Dispose();
            _scratch = ArrayPool<byte>.Shared.Rent((int)needed);
        }

        _level = level;
        if (total >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, count, _compressOne);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                CompressOne(i);
            }
        }
    }

    private void CompressOne(int index)
    {
        var (pointer, length) = _buffers[index];
        if (length == 0)
        {
            return;
        }

        var slot = _slots[index];
        var source = new ReadOnlySpan<byte>((byte*)pointer, length);
        var destination = _scratch.AsSpan(slot + 8, Zstd.GetMaxCompressedLength(length));
        if (Zstd.TryCompress(source, destination, out var written, _level) && written < length)
        {
            BitConverter.TryWriteBytes(_scratch.AsSpan(slot), (long)length);
            _compressed[index] = written;
        }
        else
        {
            BitConverter.TryWriteBytes(_scratch.AsSpan(slot), IpcFormat.UncompressedMarker);
            _compressed[index] = -1;
        }
    }

    private void AddCompressed(int index, ref long body)
    {
        var (pointer, length) = _buffers[index];
        if (length == 0)
        {
            // Empty buffers take no room and carry no length prefix.
            _regions.Add((body, 0));
            return;
        }

        var slot = _slots[index];
        var written = _compressed[index];
        if (written >= 0)
        {
            var padding = Pad(body + 8 + written, 8);
            _segments.Add(new BodySegment(slot, 8 + written, padding));
            _regions.Add((body, 8 + written));
            body += 8 + written + padding;
        }
        else
        {
            var padding = Pad(body + 8 + length, 8);
            _segments.Add(new BodySegment(slot, 8, 0));
            _segments.Add(new BodySegment((byte*)pointer, length, padding));
            _regions.Add((body, 8 + length));
            body += 8 + length + padding;
        }
    }

    private static int Pad(long end, int alignment) => (int)((alignment - (end % alignment)) % alignment);

    private void WriteMessage(int length, long bodyLength, bool compressed)
    {
        var builder = _builder;
        builder.Clear();

        var compression = 0;
        if (compressed)
        {
            builder.StartTable(2);
            builder.AddByte(IpcFormat.BodyCompressionCodec, IpcFormat.CodecZstd, defaultValue: IpcFormat.CodecLz4Frame);
            builder.AddByte(IpcFormat.BodyCompressionMethod, IpcFormat.MethodBuffer, defaultValue: IpcFormat.MethodBuffer);
            compression = builder.EndTable();
        }

        builder.StartVector(16, _regions.Count, 8);
        for (var i = _regions.Count - 1; i >= 0; i--)
        {
            builder.AddStructOfTwoLongs(_regions[i].Offset, _regions[i].Length);
        }

        var buffers = builder.EndVector(_regions.Count);

        builder.StartVector(16, _nodes.Count, 8);
        for (var i = _nodes.Count - 1; i >= 0; i--)
        {
            builder.AddStructOfTwoLongs(_nodes[i].Length, _nodes[i].NullCount);
        }

        var nodes = builder.EndVector(_nodes.Count);

        builder.StartTable(5);
        builder.AddInt64(IpcFormat.RecordBatchLength, length, defaultValue: 0);
        builder.AddOffset(IpcFormat.RecordBatchNodes, nodes);
        builder.AddOffset(IpcFormat.RecordBatchBuffers, buffers);
        builder.AddOffset(IpcFormat.RecordBatchCompression, compression);
        var header = builder.EndTable();

        builder.StartTable(5);
        builder.AddInt64(IpcFormat.MessageBodyLength, bodyLength, defaultValue: 0);
        builder.AddOffset(IpcFormat.MessageHeader, header);
        builder.AddInt16(IpcFormat.MessageVersion, IpcFormat.MetadataV5, defaultValue: 0);
        builder.AddByte(IpcFormat.MessageHeaderType, IpcFormat.HeaderRecordBatch, defaultValue: 0);
        builder.Finish(builder.EndTable());
    }
}
