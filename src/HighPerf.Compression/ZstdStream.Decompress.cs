using HighPerf.Compression.Native;

namespace HighPerf.Compression;

public sealed partial class ZstdStream
{
    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        EnsureDecompressing();
        while (true)
        {
            if (TryDecompress(buffer, out var produced))
            {
                return produced;
            }

            AcceptInput(_stream.Read(_buffer!, 0, _buffer!.Length));
        }
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureDecompressing();
        while (true)
        {
            if (TryDecompress(buffer.Span, out var produced))
            {
                return produced;
            }

            AcceptInput(await _stream.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Feeds buffered input to the decoder. <see langword="true"/> with the bytes produced when the
    /// read can complete (data, or a clean end); <see langword="false"/> when more input is needed.
    /// </summary>
    private bool TryDecompress(Span<byte> destination, out int produced)
    {
        produced = 0;
        if (destination.IsEmpty)
        {
            return true;
        }

        // Never let the decoder write past the limit: at most one byte beyond it, to detect the overrun.
        var allowed = _maxDecompressedLength - _totalOut;
        if (allowed < destination.Length)
        {
            destination = destination[..(int)(allowed + 1)];
        }

        while (_inputStart < _inputEnd || _needsDrain)
        {
            produced = DecompressStep(destination);
            _needsDrain = produced == destination.Length;
            if (produced > 0)
            {
                _totalOut += produced;
                if (_totalOut > _maxDecompressedLength)
                {
                    ZstdException.ThrowSizeLimit(_maxDecompressedLength);
                }

                return true;
            }
        }

        if (!_endOfInput)
        {
            return false;
        }

        if (_frameOpen)
        {
            ZstdException.ThrowTruncated();
        }

        return true;
    }

    private void AcceptInput(int read)
    {
        _inputStart = 0;
        _inputEnd = read;
        _endOfInput = read == 0;
    }

    /// <summary>One call of <c>ZSTD_decompressStream</c>; the only native step of both paths.</summary>
    private unsafe int DecompressStep(Span<byte> destination)
    {
        var input = _buffer!;
        fixed (byte* src = input)
        fixed (byte* dst = destination)
        {
            var inBuffer = new InBuffer { Src = src + _inputStart, Size = (nuint)(_inputEnd - _inputStart) };
            var outBuffer = new OutBuffer { Dst = dst, Size = (nuint)destination.Length };
            var hint = ZstdException.ThrowIfError(NativeMethods.DecompressStream(_dctx!, &outBuffer, &inBuffer));
            _inputStart += (int)inBuffer.Pos;
            _totalIn += (long)inBuffer.Pos;

            // 0 means a frame was fully decoded and flushed; anything else, that the frame goes on.
            _frameOpen = hint != 0;
            return (int)outBuffer.Pos;
        }
    }

    private void EnsureDecompressing()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_dctx is null)
        {
            throw new NotSupportedException("This ZstdStream compresses; it cannot be read from.");
        }
    }
}
