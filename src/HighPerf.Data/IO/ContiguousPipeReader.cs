using System.Buffers;
using System.IO.Pipelines;

namespace HighPerf.Data.IO;

/// <summary>
/// Reads a <see cref="PipeReader"/> as one contiguous window at a time, for parsers that are fastest on a single
/// span. A pipe's read is a chain of segments: <see cref="System.Text.Json.Utf8JsonReader"/> then takes its slower
/// multi-segment path for every token, and every slice by offset walks the chain from its start. Copying into one
/// pooled array is a memcpy. Only what the parser consumed leaves the pipe: a token cut off at the window's end
/// comes back at the start of the next read, and the window doubles when a single token does not fit in it.
/// Not thread-safe; each <see cref="ReadAsync"/> must be followed by one <see cref="Advance"/>.
/// </summary>
/// <example>
/// <code>
/// using var input = new ContiguousPipeReader(request.BodyReader);
/// while (true)
/// {
///     var read = await input.ReadAsync(cancellationToken);
///     var consumed = 0;
///     try { consumed = parser.Parse(read.Bytes.Span, read.IsFinal); }
///     finally { input.Advance(consumed); }
///     if (read.IsFinal) break;
/// }
/// </code>
/// </example>
public sealed class ContiguousPipeReader : IDisposable
{
    /// <summary>The window's first size: 256 KiB.</summary>
    public const int DefaultWindowBytes = 256 * 1024;

    private readonly PipeReader _reader;
    private byte[] _window;
    private ReadOnlySequence<byte> _buffer;
    private int _taken;
    private bool _reading;

    /// <summary>Reads <paramref name="reader"/> (which stays the caller's to complete).</summary>
    /// <param name="reader">The pipe to read.</param>
    /// <param name="windowBytes">The window's first size in bytes; it grows as tokens need.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowBytes"/> is not positive.</exception>
    public ContiguousPipeReader(PipeReader reader, int windowBytes = DefaultWindowBytes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowBytes);
        _reader = reader;
        _window = ArrayPool<byte>.Shared.Rent(windowBytes);
    }

    /// <summary>The window's current size in bytes.</summary>
    public int WindowBytes => _window.Length;

    /// <summary>
    /// The next bytes of the pipe, from where the last <see cref="Advance"/> stopped: as many as have arrived and
    /// the window holds, at least one unless the pipe has ended. Valid until <see cref="Advance"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for bytes.</param>
    /// <exception cref="InvalidOperationException">The last read was not advanced.</exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public async ValueTask<ContiguousRead> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_window.Length == 0, this);
        if (_reading)
        {
            throw new InvalidOperationException("Advance the last read before reading again.");
        }

        var read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        _buffer = read.Buffer;
        _taken = (int)Math.Min(_buffer.Length, _window.Length);
        _buffer.Slice(0, _taken).CopyTo(_window);
        _reading = true;
        return new ContiguousRead(new ReadOnlyMemory<byte>(_window, 0, _taken), read.IsCompleted && _taken == _buffer.Length);
    }

    /// <summary>
    /// Takes the first <paramref name="consumed"/> bytes of the last read out of the pipe; the rest come back first
    /// in the next read. Call it also when parsing the read failed, so the pipe's owner can still drain or complete it.
    /// </summary>
    /// <param name="consumed">How many bytes of the last read the parser used, from its start.</param>
    /// <exception cref="InvalidOperationException">There is no read to advance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="consumed"/> is negative or beyond the read.</exception>
    public void Advance(int consumed)
    {
        if (!_reading)
        {
            throw new InvalidOperationException("There is no read to advance.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)consumed, (uint)_taken, nameof(consumed));
        _reading = false;

        // Everything copied counts as examined: what lies past the window comes back at once, and a token cut off
        // at the pipe's end waits for more bytes.
        _reader.AdvanceTo(_buffer.GetPosition(consumed), _buffer.GetPosition(_taken));
        _buffer = default;
        if (consumed == 0 && _taken == _window.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(checked(_window.Length * 2));
            ArrayPool<byte>.Shared.Return(_window);
            _window = larger;
        }
    }

    /// <summary>Gives the window back to the pool (the pipe is the caller's to complete).</summary>
    public void Dispose()
    {
        var window = _window;
        _window = [];
        if (window.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }
}
