using System.IO.Compression;
using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.Extensions.Options;

namespace HighPerf.Compression.AspNetCore;

/// <summary>
/// Decompresses <c>Content-Encoding: zstd</c> request bodies for ASP.NET Core request
/// decompression. The decoded body is bounded by
/// <see cref="HighPerfCompressionOptions.MaxDecompressedRequestSize"/> and the window by 8 MiB, so a
/// small body that inflates without end costs neither memory nor time; it fails with 413, and a
/// damaged or truncated body with 400, as a <see cref="Microsoft.AspNetCore.Http.BadHttpRequestException"/>.
/// </summary>
public sealed class ZstdDecompressionProvider : IDecompressionProvider
{
    private readonly ZstdStreamOptions _streamOptions;

    /// <summary>Creates the provider from the bound options.</summary>
    /// <param name="options">The compression options (request size limit).</param>
    public ZstdDecompressionProvider(IOptions<HighPerfCompressionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _streamOptions = new ZstdStreamOptions
        {
            WindowLog = HttpZstd.MaxWindowLog,
            MaxDecompressedLength = options.Value.MaxDecompressedRequestSize,
        };
    }

    /// <inheritdoc />
    public Stream GetDecompressionStream(Stream stream) =>
        new RequestBodyZstdStream(new ZstdStream(stream, CompressionMode.Decompress, _streamOptions, leaveOpen: true));
}
