using HighPerf.Compression.Native;

namespace HighPerf.Compression;

public sealed partial class ZstdStream
{
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCompressing();
        while (!buffer.IsEmpty)
        {
            var produced = CompressStep(buffer, EndDirective.Continue, out var consumed, out _);
            buffer = buffer[consumed..];
            if (produced > 0)
            {
                _stream.Write(_buffer!, 0, produced);
            }
        }
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureCompressing();
        while (!buffer.IsEmpty)
        {
            var produced = CompressStep(buffer.Span, EndDirective.Continue, out var consumed, out _);
            buffer = buffer[consumed..];
            if (produced > 0)
            {
                await _stream.WriteAsync(_buffer.AsMemory(0, produced), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Compresses everything written so far and writes it out, so the peer can decode it now; the
    /// frame stays open. Does nothing when decompressing.
    /// </summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_cctx is not null)
        {
            Drain(EndDirective.Flush);
            _stream.Flush();
        }
    }

    /// <inheritdoc cref="Flush" />
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_cctx is not null)
        {
            await DrainAsync(EndDirective.Flush, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Drain(EndDirective directive)
    {
        nuint remaining;
        do
        {
            var produced = CompressStep(default, directive, out _, out remaining);
            if (produced > 0)
            {
                _stream.Write(_buffer!, 0, produced);
            }
        }
        while (remaining != 0);
    }

    private async ValueTask DrainAsync(EndDirective directive, CancellationToken cancellationToken)
    {
        nuint remaining;
        do
        {
            var produced = CompressStep(default, directive, out _, out remaining);
            if (produced > 0)
            {
                await _stream.WriteAsync(_buffer.AsMemory(0, produced), cancellationToken).ConfigureAwait(false);
            }
        }
        while (remaining != 0);
    }

    /// <summary>One call of <c>ZSTD_compressStream2</c> into the output buffer; the only native step of both paths.</summary>
    /// <returns>The bytes produced into the output buffer.</returns>
    private unsafe int CompressStep(ReadOnlySpan<byte> input, EndDirective directive, out int consumed, out nuint remaining)
    {
        var output = _buffer!;
        fixed (byte* src = input)
        fixed (byte* dst = output)
        {
            var inBuffer = new InBuffer { Src = src, Size = (nuint)input.Length };
            var outBuffer = new OutBuffer { Dst = dst, Size = (nuint)output.Length };
            remaining = ZstdException.ThrowIfError(NativeMethods.CompressStream2(_cctx!, &outBuffer, &inBuffer, directive));
            consumed = (int)inBuffer.Pos;
            _totalIn += consumed;
            _totalOut += (long)outBuffer.Pos;
            return (int)outBuffer.Pos;
        }
    }

    private void EnsureCompressing()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_cctx is null)
        {
            throw new NotSupportedException("This ZstdStream decompresses; it cannot be written to.");
        }
    }
}
