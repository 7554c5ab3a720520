using System.IO.Pipelines;
using HighPerf.Data.Arrow.Ipc;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Putting bytes out: to a stream (async or not) or into a buffer writer.</summary>
public sealed partial class ArrowStreamWriter
{
    private async ValueTask WriteHeaderAsync(int headerLength, bool async, CancellationToken cancellationToken)
    {
        await PutAsync(_header.AsMemory(0, headerLength), async, cancellationToken).ConfigureAwait(false);
        await FlushAsync(async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteMessageAsync(int headerLength, long bodyLength, bool async, CancellationToken cancellationToken)
    {
        await PutAsync(_header.AsMemory(0, headerLength), async, cancellationToken).ConfigureAwait(false);
        var segments = _encoder.Segments;
        long written = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            await PutAsync(Window(segment, i), async, cancellationToken).ConfigureAwait(false);
            if (segment.Padding > 0)
            {
                await PutAsync(s_zeros.AsMemory(0, segment.Padding), async, cancellationToken).ConfigureAwait(false);
            }

            written += segment.Length + segment.Padding;
        }

        if (written != bodyLength)
        {
            throw new InvalidOperationException($"Internal error: the body was laid out as {bodyLength} bytes but {written} were written.");
        }

        await FlushAsync(async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteEndAsync(bool async, CancellationToken cancellationToken)
    {
        await PutAsync(s_endOfStream, async, cancellationToken).ConfigureAwait(false);
        await FlushAsync(async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A segment's bytes as memory: the encoder's scratch, or a reusable window onto native memory.</summary>
    private unsafe Memory<byte> Window(BodySegment segment, int index)
    {
        if (segment.Pointer == null)
        {
            return _encoder.Scratch.AsMemory(segment.ScratchOffset, segment.Length);
        }

        while (_windows.Count <= index)
        {
            _windows.Add(new NativeMemoryManager());
        }

        return _windows[index].Reset(segment.Pointer, segment.Length);
    }

    private async ValueTask PutAsync(ReadOnlyMemory<byte> bytes, bool async, CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            if (async)
            {
                await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _stream.Write(bytes.Span);
            }
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = _destination!;
            var span = bytes.Span;
            while (!span.IsEmpty)
            {
                var target = destination.GetSpan(Math.Min(span.Length, 1 << 20));
                var count = Math.Min(target.Length, span.Length);
                span[..count].CopyTo(target);
                destination.Advance(count);
                span = span[count..];
            }
        }

        BytesWritten += bytes.Length;
    }

    private async ValueTask FlushAsync(bool async, CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            if (async)
            {
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _stream.Flush();
            }
        }
        else if (async && _destination is PipeWriter pipe)
        {
            var result = await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The pipe's flush was canceled.");
            }
        }
    }
}
