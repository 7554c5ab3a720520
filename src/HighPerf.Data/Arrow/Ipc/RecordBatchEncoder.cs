using System.Buffers;
using HighPerf.Compression;
using HighPerf.Data.Arrow.Ipc.FlatBuffers;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>
/// Lays out one record batch: the FlatBuffers <c>Message</c> with its nodes and buffer regions, and the body
/// as a list of segments. Uncompressed buffers go out straight from the arrays' memory; with ZSTD each
/// non-empty buffer becomes its uncompressed length (int64) and one zstd frame, or -1 and the raw bytes
/// when compression would not make it smaller (Message.fbs, BodyCompressionMethod.BUFFER).
/// Reused batch after batch: it allocates only when a batch is larger than every one before it.
/// </summary>
internal sealed unsafe class RecordBatchEncoder : IDisposable
{
    private readonly FlatBufferBuilder _builder = new();
    private readonly List<BodySegment> _segments = [];
    private readonly List<(long Offset, long Length)> _regions = [];
    private readonly List<(long Length, long NullCount)> _nodes = [];
    private byte[] _scratch = [];
    private int _scratchUsed;

    public FlatBufferBuilder Builder => _builder;

    public List<BodySegment> Segments => _segments;

    public byte[] Scratch => _scratch;

    /// <summary>Encodes <paramref name="batch"/>; returns the body length (a multiple of 8).</summary>
    public long Encode(RecordBatch batch, int alignment, int? zstdLevel)
    {
        _segments.Clear();
        _regions.Clear();
        _nodes.Clear();
        _scratchUsed = 0;
        if (zstdLevel is not null)
        {
            ReserveScratch(batch);
        }

        long body = 0;
        foreach (var column in batch.ColumnSpan)
        {
            _nodes.Add((column.Length, column.NullCount));
            var buffers = column.Buffers;
            switch (column.Type.Id)
            {
                case ArrowTypeId.Null:
                    break;
                case ArrowTypeId.Utf8 or ArrowTypeId.Binary:
                    var offsets = (int*)buffers[1].Pointer;
                    AddValidity(column, ref body, alignment, zstdLevel);
                    Add(offsets == null ? ArrowBuffer.ZeroBlock : (byte*)offsets, (column.Length + 1) * sizeof(int), ref body, alignment, zstdLevel);
                    Add(buffers[2].Pointer, column.Length == 0 || offsets == null ? 0 : offsets[column.Length], ref body, alignment, zstdLevel);
                    break;
                case ArrowTypeId.Boolean:
                    AddValidity(column, ref body, alignment, zstdLevel);
                    Add(buffers[1].Pointer, BitUtility.BytesFor(column.Length), ref body, alignment, zstdLevel);
                    break;
                default:
                    AddValidity(column, ref body, alignment, zstdLevel);
                    Add(buffers[1].Pointer, checked(column.Length * (column.Type.BitWidth / 8)), ref body, alignment, zstdLevel);
                    break;
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

    private void AddValidity(ArrowArray column, ref long body, int alignment, int? zstdLevel) =>
        Add(column.NullCount > 0 ? column.Buffers[0].Pointer : null, column.NullCount > 0 ? BitUtility.BytesFor(column.Length) : 0, ref body, alignment, zstdLevel);

    private void Add(byte* pointer, int length, ref long body, int alignment, int? zstdLevel)
    {
        if (length == 0)
        {
            // Empty buffers take no room and, compressed or not, carry no length prefix.
            _regions.Add((body, 0));
            return;
        }

        if (zstdLevel is not { } level)
        {
            var padding = Pad(body + length, alignment);
            _segments.Add(new BodySegment(pointer, length, padding));
            _regions.Add((body, length));
            body += length + padding;
            return;
        }

        var source = new ReadOnlySpan<byte>(pointer, length);
        var prefixAt = _scratchUsed;
        var destination = _scratch.AsSpan(prefixAt + 8);
        if (Zstd.TryCompress(source, destination, out var written, level) && written < length)
        {
            BitConverter.TryWriteBytes(_scratch.AsSpan(prefixAt), (long)length);
            _scratchUsed += 8 + written;
            var padding = Pad(body + 8 + written, 8);
            _segments.Add(new BodySegment(prefixAt, 8 + written, padding));
            _regions.Add((body, 8 + written));
            body += 8 + written + padding;
        }
        else
        {
            BitConverter.TryWriteBytes(_scratch.AsSpan(prefixAt), IpcFormat.UncompressedMarker);
            _scratchUsed += 8;
            var padding = Pad(body + 8 + length, 8);
            _segments.Add(new BodySegment(prefixAt, 8, 0));
            _segments.Add(new BodySegment(pointer, length, padding));
            _regions.Add((body, 8 + length));
            body += 8 + length + padding;
        }
    }

    private static int Pad(long end, int alignment) => (int)((alignment - (end % alignment)) % alignment);

    private void ReserveScratch(RecordBatch batch)
    {
        long needed = 0;
        foreach (var column in batch.ColumnSpan)
        {
            // At most three buffers per column, each at most as large as the whole column's data.
            var bytes = column.Type.Id switch
            {
                ArrowTypeId.Utf8 or ArrowTypeId.Binary => ((VariableBinaryArray)column).Data.Length + ((column.Length + 1L) * 4),
                _ => (column.Length * (long)Math.Max(1, column.Type.BitWidth / 8)) + 1,
            };
            needed += 3 * (8 + 64) + Zstd.GetMaxCompressedLength((int)Math.Min(bytes, int.MaxValue / 2)) + BitUtility.BytesFor(column.Length);
        }

        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("The record batch is too large to compress in one message; write it in smaller batches.");
        }

        if (_scratch.Length < needed)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent((int)needed);
        }
    }

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
