using System.Buffers;
using System.Buffers.Binary;
using HighPerf.Data.Arrow.Ipc;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>
/// Reads the Arrow IPC stream format from a <see cref="Stream"/>, one record batch at a time: memory holds
/// the current message only (plus the batches the caller keeps). Each batch's body is read into one
/// 64-byte aligned block that its columns share without copying; the caller disposes each batch. The
/// stream may end with the end-of-stream marker or simply end between messages. Malformed input raises
/// <see cref="ArrowFormatException"/>. Not thread-safe; one call at a time.
/// </summary>
public sealed class ArrowStreamReader : IDisposable, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrowIpcReadOptions _options;
    private readonly IpcMessage _message = new();
    private readonly NativeMemoryManager _window = new();
    private readonly byte[] _prefix = new byte[8];
    private byte[] _metadata = [];
    private Schema? _schema;
    private bool _ended;
    private bool _disposed;

    /// <summary>Creates a reader; nothing is read until the first call.</summary>
    /// <param name="stream">A readable stream positioned at the start of an Arrow IPC stream.</param>
    /// <param name="options">Size limits; <see cref="ArrowIpcReadOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open (default <see langword="false"/>).</param>
    public ArrowStreamReader(Stream stream, ArrowIpcReadOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _options = options ?? ArrowIpcReadOptions.Default;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The schema, once read (<see langword="null"/> before).</summary>
    public Schema? Schema => _schema;

    /// <summary>Reads the schema message if it has not been read yet.</summary>
    /// <param name="cancellationToken">Cancels the read; the reader is then unusable.</param>
    public async ValueTask<Schema> ReadSchemaAsync(CancellationToken cancellationToken = default) =>
        await ReadSchemaCoreAsync(async: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the schema message if it has not been read yet, synchronously.</summary>
    public Schema ReadSchema() => ReadSchemaCoreAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Reads the next record batch, or returns <see langword="null"/> at the end of the stream.</summary>
    /// <param name="cancellationToken">Cancels the read; the reader is then unusable.</param>
    public ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default) => ReadBatchCoreAsync(async: true, cancellationToken);

    /// <summary>Reads the next record batch, or returns <see langword="null"/> at the end of the stream, synchronously.</summary>
    public RecordBatch? ReadNextBatch() => ReadBatchCoreAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Every remaining batch, one at a time; each is the caller's to dispose.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async IAsyncEnumerable<RecordBatch> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadNextBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>Every remaining batch, one at a time, synchronously (e.g. to feed <see cref="ArrowCData.ExportStream"/>).</summary>
    public IEnumerable<RecordBatch> ReadAll()
    {
        while (ReadNextBatch() is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>Disposes the stream unless it was left open.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            ReturnMetadata();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Disposes the stream unless it was left open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            ReturnMetadata();
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<Schema> ReadSchemaCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_schema is not null)
        {
            return _schema;
        }

        if (!await ReadMessageAsync(async, cancellationToken).ConfigureAwait(false))
        {
            ArrowFormatException.Throw(ArrowErrorKind.Truncated, "Arrow: the stream ended before its schema message.");
        }

        if (_message.Schema is null)
        {
            ArrowFormatException.ThrowInvalid("the stream does not start with a schema message.");
        }

        await SkipBodyAsync(async, cancellationToken).ConfigureAwait(false);
        _schema = _message.Schema;
        return _schema;
    }

    private async ValueTask<RecordBatch?> ReadBatchCoreAsync(bool async, CancellationToken cancellationToken)
    {
        var schema = await ReadSchemaCoreAsync(async, cancellationToken).ConfigureAwait(false);
        if (_ended || !await ReadMessageAsync(async, cancellationToken).ConfigureAwait(false))
        {
            _ended = true;
            return null;
        }

        if (_message.HeaderType != IpcFormat.HeaderRecordBatch)
        {
            ArrowFormatException.ThrowInvalid("the stream holds a second schema message.");
        }

        if (_message.BodyLength > _options.MaxBodySize)
        {
            ArrowFormatException.Throw(ArrowErrorKind.LimitExceeded, $"Arrow: a record batch body of {_message.BodyLength} bytes exceeds the limit of {_options.MaxBodySize}.");
        }

        // A seekable stream tells how much is left, so a damaged length cannot make us allocate for nothing.
        if (_stream.CanSeek && _message.BodyLength > _stream.Length - _stream.Position)
        {
            ArrowFormatException.ThrowTruncated("a record batch body");
        }

        var body = new AlignedMemory((nuint)_message.BodyLength);
        try
        {
            await ReadBodyAsync(body, async, cancellationToken).ConfigureAwait(false);
            return RecordBatchDecoder.Decode(schema, _message, body, _options);
        }
        finally
        {
            // The columns hold their own shares of the body; this gives back the reader's.
            body.Unshare();
        }
    }

    /// <summary>Reads the next message's metadata; <see langword="false"/> at the end of the stream.</summary>
    private async ValueTask<bool> ReadMessageAsync(bool async, CancellationToken cancellationToken)
    {
        var got = await ReadAtMostAsync(_prefix.AsMemory(0, 4), async, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return false;
        }

        if (got < 4)
        {
            ArrowFormatException.ThrowTruncated("a message prefix");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_prefix);
        if ((uint)length == IpcFormat.Continuation)
        {
            await ReadExactlyAsync(_prefix.AsMemory(4, 4), "a message prefix", async, cancellationToken).ConfigureAwait(false);
            length = BinaryPrimitives.ReadInt32LittleEndian(_prefix.AsSpan(4));
        }

        // Without the continuation marker this is the pre-0.15 framing, which had the length alone.
        if (length == 0)
        {
            return false;
        }

        if (length < 0 || length > _options.MaxMetadataSize)
        {
            ArrowFormatException.Throw(length < 0 ? ArrowErrorKind.InvalidData : ArrowErrorKind.LimitExceeded, $"Arrow: a message declares {length} bytes of metadata (limit {_options.MaxMetadataSize}).");
        }

        if (_metadata.Length < length)
        {
            ReturnMetadata();
            _metadata = ArrayPool<byte>.Shared.Rent(length);
        }

        await ReadExactlyAsync(_metadata.AsMemory(0, length), "message metadata", async, cancellationToken).ConfigureAwait(false);
        _message.Decode(_metadata.AsSpan(0, length));
        return true;
    }

    private async ValueTask SkipBodyAsync(bool async, CancellationToken cancellationToken)
    {
        var remaining = _message.BodyLength;
        while (remaining > 0)
        {
            var chunk = (int)Math.Min(remaining, _prefix.Length);
            await ReadExactlyAsync(_prefix.AsMemory(0, chunk), "a message body", async, cancellationToken).ConfigureAwait(false);
            remaining -= chunk;
        }
    }

    private async ValueTask ReadBodyAsync(AlignedMemory body, bool async, CancellationToken cancellationToken)
    {
        var length = (int)_message.BodyLength;
        if (length > 0)
        {
            Memory<byte> target;
            unsafe
            {
                target = _window.Reset(body.Pointer, length);
            }

            await ReadExactlyAsync(target, "a record batch body", async, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, string what, bool async, CancellationToken cancellationToken)
    {
        if (await ReadAtMostAsync(buffer, async, cancellationToken).ConfigureAwait(false) < buffer.Length)
        {
            ArrowFormatException.ThrowTruncated(what);
        }
    }

    private async ValueTask<int> ReadAtMostAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = async
                ? await _stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false)
                : _stream.Read(buffer.Span[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private void ReturnMetadata()
    {
        if (_metadata.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_metadata);
            _metadata = [];
        }
    }
}
