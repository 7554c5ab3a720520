using System.Runtime.InteropServices;
using HighPerf.Data.Arrow.CData;

namespace HighPerf.Data.Arrow;

/// <summary>
/// Record batches pulled from an imported C <c>ArrowArrayStream</c> (from <see cref="ArrowCData.ImportStream"/>).
/// Each batch wraps the producer's memory without copying and is the caller's to dispose. Disposing the
/// reader releases the stream exactly once; batches already read stay valid. Not thread-safe.
/// </summary>
public sealed unsafe class ImportedArrowStream : IDisposable
{
    private readonly ImportedStreamHandle _handle;
    private bool _finished;

    internal ImportedArrowStream(CArrowArrayStream* stream)
    {
        if (stream == null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (stream->Release == null)
        {
            ArrowFormatException.ThrowInvalid("the stream structure has already been released.");
        }

        _handle = new ImportedStreamHandle(stream);
        try
        {
            CArrowSchema schema = default;
            Check(_handle.Stream->GetSchema(_handle.Stream, &schema), "get_schema");
            Schema = ArrowCData.ImportSchema(&schema);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <summary>The schema of every batch, read once when the stream was imported.</summary>
    public Schema Schema { get; }

    /// <summary>The next batch, or <see langword="null"/> at the end of the stream.</summary>
    /// <exception cref="ArrowFormatException">The producer reported an error (<see cref="ArrowErrorKind.ProducerError"/>, with its message) or sent an invalid array.</exception>
    public RecordBatch? ReadNext()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (_finished)
        {
            return null;
        }

        CArrowArray array = default;
        Check(_handle.Stream->GetNext(_handle.Stream, &array), "get_next");
        if (array.Release == null)
        {
            _finished = true;
            return null;
        }

        return ArrayImporter.ImportRecordBatch(&array, Schema);
    }

    /// <summary>Releases the stream (once); batches already read stay valid.</summary>
    public void Dispose() => _handle.Dispose();

    private void Check(int code, string call)
    {
        if (code == 0)
        {
            return;
        }

        var stream = _handle.Stream;
        var error = stream->GetLastError == null ? null : stream->GetLastError(stream);
        var message = error == null ? null : Marshal.PtrToStringUTF8((nint)error);
        throw new ArrowFormatException(ArrowErrorKind.ProducerError, $"Arrow: the stream's {call} failed with error {code}: {message ?? "no message"}.");
    }
}
