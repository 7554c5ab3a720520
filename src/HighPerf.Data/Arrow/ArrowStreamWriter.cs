using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using HighPerf.Data.Arrow.Ipc;
using HighPerf.Data.Arrow.Ipc.FlatBuffers;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>
/// Writes the Arrow IPC stream format: the schema message, one message per record batch, and the
/// end-of-stream marker written by <see cref="CompleteAsync"/>. Each message is the continuation marker
/// 0xFFFFFFFF, the metadata length, the FlatBuffers metadata padded to 8 bytes, and the body, whose buffers
/// are padded to <see cref="ArrowIpcWriteOptions.BufferAlignment"/>. Uncompressed buffers are written to a
/// <see cref="Stream"/> straight from the arrays' memory. Not thread-safe; one call at a time.
/// </summary>
public sealed partial class ArrowStreamWriter : IDisposable, IAsyncDisposable
{
    private static readonly byte[] s_zeros = new byte[64];
    private static readonly byte[] s_endOfStream = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    private readonly Stream? _stream;
    private readonly IBufferWriter<byte>? _destination;
    private readonly bool _leaveOpen;
    private readonly ArrowIpcWriteOptions _options;
    private readonly RecordBatchEncoder _encoder = new();
    private readonly List<NativeMemoryManager> _windows = [];
    private byte[] _header = new byte[512];
    private bool _schemaWritten;
    private bool _completed;
    private bool _faulted;
    private bool _disposed;

    /// <summary>Creates a writer to a stream. Nothing is written until the first call.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Compression and alignment; <see cref="ArrowIpcWriteOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves <paramref name="stream"/> open (default <see langword="false"/>).</param>
    public ArrowStreamWriter(Stream stream, Schema schema, ArrowIpcWriteOptions? options = null, bool leaveOpen = false)
        : this(schema, options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>
    /// Creates a writer to a buffer writer. When it is a <see cref="PipeWriter"/>, the async methods flush it
    /// after each message (so a slow reader applies backpressure); the sync methods never flush.
    /// </summary>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Compression and alignment; <see cref="ArrowIpcWriteOptions.Default"/> when <see langword="null"/>.</param>
    public ArrowStreamWriter(IBufferWriter<byte> destination, Schema schema, ArrowIpcWriteOptions? options = null)
        : this(schema, options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _destination = destination;
    }

    private ArrowStreamWriter(Schema schema, ArrowIpcWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _options = options ?? ArrowIpcWriteOptions.Default;
        if (_options.BufferAlignment is not (8 or 16 or 32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BufferAlignment, "BufferAlignment must be 8, 16, 32 or 64.");
        }
    }

    /// <summary>The schema of every batch.</summary>
    public Schema Schema { get; }

    /// <summary>The number of bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes the schema message now (it is otherwise written before the first batch).</summary>
    /// <param name="cancellationToken">Cancels the write; the stream is then unusable.</param>
    public ValueTask WriteSchemaAsync(CancellationToken cancellationToken = default) => EnsureSchemaAsync(async: true, cancellationToken);

    /// <summary>Writes one record batch (and the schema before the first).</summary>
    /// <param name="batch">A batch whose column types are the schema's.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled or failed write leaves the output unusable.</param>
    public ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken = default) => WriteBatchAsync(batch, async: true, cancellationToken);

    /// <summary>Writes one record batch (and the schema before the first), synchronously.</summary>
    /// <param name="batch">A batch whose column types are the schema's.</param>
    public void Write(RecordBatch batch) => WriteBatchAsync(batch, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Writes the end-of-stream marker (and the schema if no batch was written) and flushes. Further writes throw.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => CompleteCoreAsync(async: true, cancellationToken);

    /// <summary>Writes the end-of-stream marker (and the schema if no batch was written) and flushes, synchronously.</summary>
    public void Complete() => CompleteCoreAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Frees the writer's buffers and disposes the stream unless it was left open. Does not write the end-of-stream marker.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _encoder.Dispose();
        if (_stream is not null && !_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Frees the writer's buffers and disposes the stream unless it was left open. Does not write the end-of-stream marker.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _encoder.Dispose();
        if (_stream is not null && !_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask WriteBatchAsync(RecordBatch batch, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckWritable();
        CheckColumns(batch);
        await EnsureSchemaAsync(async, cancellationToken).ConfigureAwait(false);

        int? level = _options.Compression == ArrowIpcCompression.Zstd ? _options.CompressionLevel : null;
        var bodyLength = _encoder.Encode(batch, _options.BufferAlignment, level);
        var headerLength = Frame(_encoder.Builder);
        await RunAsync(WriteMessageAsync(headerLength, bodyLength, async, cancellationToken)).ConfigureAwait(false);
    }

    private async ValueTask EnsureSchemaAsync(bool async, CancellationToken cancellationToken)
    {
        CheckWritable();
        if (_schemaWritten)
        {
            return;
        }

        SchemaEncoder.Encode(_encoder.Builder, Schema);
        var headerLength = Frame(_encoder.Builder);
        await RunAsync(WriteHeaderAsync(headerLength, async, cancellationToken)).ConfigureAwait(false);
        _schemaWritten = true;
    }

    private async ValueTask CompleteCoreAsync(bool async, CancellationToken cancellationToken)
    {
        CheckWritable();
        await EnsureSchemaAsync(async, cancellationToken).ConfigureAwait(false);
        await RunAsync(WriteEndAsync(async, cancellationToken)).ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Marks the writer faulted when a write fails: part of a message may be out, so nothing may follow.</summary>
    private async ValueTask RunAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Copies the continuation marker, the metadata length and the padded metadata into the header buffer.</summary>
    private int Frame(FlatBufferBuilder builder)
    {
        var metadata = builder.Data;
        var padded = (metadata.Length + 7) & ~7;
        var total = 8 + padded;
        if (_header.Length < total)
        {
            _header = new byte[Math.Max(total, _header.Length * 2)];
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_header, IpcFormat.Continuation);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(4), padded);
        metadata.CopyTo(_header.AsSpan(8));
        _header.AsSpan(8 + metadata.Length, padded - metadata.Length).Clear();
        return total;
    }

    private void CheckWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException("An earlier write failed part way; the Arrow stream is incomplete and cannot be continued.");
        }

        if (_completed)
        {
            throw new InvalidOperationException("The Arrow stream was completed; nothing can follow its end-of-stream marker.");
        }
    }

    private void CheckColumns(RecordBatch batch)
    {
        var expected = Schema.FieldSpan;
        var actual = batch.Schema.FieldSpan;
        if (!ReferenceEquals(batch.Schema, Schema))
        {
            if (expected.Length != actual.Length)
            {
                throw new ArgumentException($"The batch has {actual.Length} columns but the stream's schema has {expected.Length}.", nameof(batch));
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (!expected[i].Type.Equals(actual[i].Type))
                {
                    throw new ArgumentException($"Column {i} of the batch is {actual[i].Type} but the stream's schema says {expected[i].Type}.", nameof(batch));
                }
            }
        }

        foreach (var column in batch.ColumnSpan)
        {
            ObjectDisposedException.ThrowIf(column.IsDisposed, column);
        }
    }
}
