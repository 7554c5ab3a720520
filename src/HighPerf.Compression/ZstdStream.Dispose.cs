using System.Buffers;
using HighPerf.Compression.Native;

namespace HighPerf.Compression;

public sealed partial class ZstdStream
{
    /// <summary>Ends the frame when compressing, returns the native context and buffer, and closes the inner stream unless told to leave it open.</summary>
    protected override void Dispose(bool disposing)
    {
        try
        {
            if (disposing && _buffer is not null && _cctx is not null)
            {
                Drain(EndDirective.End);
                _stream.Flush();
            }
        }
        finally
        {
            if (disposing)
            {
                Release();
                if (!_leaveOpen)
                {
                    _stream.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Ends the frame when compressing (writing asynchronously), then releases like <see cref="Dispose(bool)"/>.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_buffer is not null && _cctx is not null)
            {
                await DrainAsync(EndDirective.End, CancellationToken.None).ConfigureAwait(false);
                await _stream.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Release();
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }

            GC.SuppressFinalize(this);
        }
    }

    private void Release()
    {
        if (_buffer is not null)
        {
            var compress = _cctx is not null;
            CompressionTelemetry.Record(compress, compress ? _totalIn : _totalOut, compress ? _totalOut : _totalIn);
        }

        if (_cctx is { } cctx)
        {
            _cctx = null;
            ZstdContexts.Compressors.Return(cctx);
        }

        if (_dctx is { } dctx)
        {
            _dctx = null;
            ZstdContexts.Decompressors.Return(dctx);
        }

        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
