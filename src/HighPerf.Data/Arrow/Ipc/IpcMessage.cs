using HighPerf.Data.Arrow.Ipc.FlatBuffers;

namespace HighPerf.Data.Arrow.Ipc;

/// <summary>
/// The decoded metadata of one IPC message. For a record batch, the field nodes and buffer regions are
/// copied out of the FlatBuffer into arrays this object reuses from message to message.
/// </summary>
internal sealed class IpcMessage
{
    private long[] _nodes = new long[64];
    private long[] _buffers = new long[128];

    public byte HeaderType { get; private set; }

    public long BodyLength { get; private set; }

    /// <summary>The schema, when this is a schema message.</summary>
    public Schema? Schema { get; private set; }

    public long Length { get; private set; }

    public int NodeCount { get; private set; }

    public int BufferCount { get; private set; }

    public bool Compressed { get; private set; }

    /// <summary>Node <paramref name="index"/>: its length and null count.</summary>
    public (long Length, long NullCount) Node(int index) => (_nodes[2 * index], _nodes[(2 * index) + 1]);

    /// <summary>Buffer region <paramref name="index"/>: its offset in the body and its length.</summary>
    public (long Offset, long Length) Buffer(int index) => (_buffers[2 * index], _buffers[(2 * index) + 1]);

    public void Decode(ReadOnlySpan<byte> metadata)
    {
        Schema = null;
        NodeCount = 0;
        BufferCount = 0;
        Compressed = false;

        var message = FlatBufferTable.Root(metadata);
        var version = message.GetInt16(IpcFormat.MessageVersion, 0);
        if (version < IpcFormat.MetadataV4)
        {
            ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, $"Arrow: metadata version V{version + 1} (before Arrow 0.8) is not supported.");
        }

        HeaderType = message.GetByte(IpcFormat.MessageHeaderType, 0);
        BodyLength = message.GetInt64(IpcFormat.MessageBodyLength, 0);
        if (BodyLength < 0)
        {
            ArrowFormatException.ThrowInvalid($"a message declares a body of {BodyLength} bytes.");
        }

        if (!message.TryGetTable(IpcFormat.MessageHeader, out var header))
        {
            ArrowFormatException.ThrowInvalid("a message has no header.");
        }

        switch (HeaderType)
        {
            case IpcFormat.HeaderSchema:
                Schema = SchemaDecoder.Decode(header);
                break;
            case IpcFormat.HeaderRecordBatch:
                DecodeRecordBatch(header);
                break;
            case IpcFormat.HeaderDictionaryBatch:
                ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, "Arrow: the stream carries a dictionary batch; dictionaries are not supported.");
                break;
            default:
                ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, $"Arrow: messages of header type {HeaderType} (tensors) are not supported.");
                break;
        }
    }

    private void DecodeRecordBatch(FlatBufferTable batch)
    {
        Length = batch.GetInt64(IpcFormat.RecordBatchLength, 0);
        if (Length is < 0 or > int.MaxValue)
        {
            ArrowFormatException.Throw(ArrowErrorKind.LimitExceeded, $"Arrow: a record batch of {Length} rows is outside 0 to {int.MaxValue}.");
        }

        NodeCount = batch.GetVector(IpcFormat.RecordBatchNodes, 16, out var nodesStart);
        Grow(ref _nodes, NodeCount * 2);
        for (var i = 0; i < NodeCount; i++)
        {
            _nodes[2 * i] = batch.ReadInt64At(nodesStart + (16 * i));
            _nodes[(2 * i) + 1] = batch.ReadInt64At(nodesStart + (16 * i) + 8);
        }

        BufferCount = batch.GetVector(IpcFormat.RecordBatchBuffers, 16, out var buffersStart);
        Grow(ref _buffers, BufferCount * 2);
        for (var i = 0; i < BufferCount; i++)
        {
            _buffers[2 * i] = batch.ReadInt64At(buffersStart + (16 * i));
            _buffers[(2 * i) + 1] = batch.ReadInt64At(buffersStart + (16 * i) + 8);
        }

        if (batch.TryGetTable(IpcFormat.RecordBatchCompression, out var compression))
        {
            var codec = compression.GetByte(IpcFormat.BodyCompressionCodec, IpcFormat.CodecLz4Frame);
            if (codec != IpcFormat.CodecZstd)
            {
                ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, codec == IpcFormat.CodecLz4Frame
                    ? "Arrow: the body is LZ4-compressed; only ZSTD body compression is supported."
                    : $"Arrow: the body compression codec {codec} is unknown.");
            }

            if (compression.GetByte(IpcFormat.BodyCompressionMethod, IpcFormat.MethodBuffer) != IpcFormat.MethodBuffer)
            {
                ArrowFormatException.Throw(ArrowErrorKind.UnsupportedFeature, "Arrow: only per-buffer body compression is supported.");
            }

            Compressed = true;
        }
    }

    private static void Grow(ref long[] array, int length)
    {
        if (array.Length < length)
        {
            array = new long[Math.Max(length, array.Length * 2)];
        }
    }
}
