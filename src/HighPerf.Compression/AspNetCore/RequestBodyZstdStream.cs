using Microsoft.AspNetCore.Http;

namespace HighPerf.Compression.AspNetCore;

/// <summary>
/// A request body read through zstd: turns <see cref="ZstdException"/> into the
/// <see cref="BadHttpRequestException"/> ASP.NET Core maps to a status code (413 for a body past the
/// limit, 400 for damaged data), so endpoints and model binding answer the client, not a 500.
/// </summary>
internal sealed class RequestBodyZstdStream(ZstdStream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (ZstdException ex)
        {
            throw ToBadRequest(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (ZstdException ex)
        {
            throw ToBadRequest(ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static BadHttpRequestException ToBadRequest(ZstdException ex) => ex.Kind == ZstdErrorKind.SizeLimitExceeded
        ? new BadHttpRequestException("The zstd request body decompresses past the allowed size.", StatusCodes.Status413PayloadTooLarge, ex)
        : new BadHttpRequestException("The zstd request body is corrupt or truncated.", StatusCodes.Status400BadRequest, ex);
}
