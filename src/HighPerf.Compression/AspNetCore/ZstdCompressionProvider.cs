using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace HighPerf.Compression.AspNetCore;

/// <summary>
/// <c>Content-Encoding: zstd</c> for ASP.NET Core response compression. Registered first by
/// <c>AddHighPerfCompression()</c>, so it wins ties of <c>Accept-Encoding</c> q-values against
/// <c>br</c> and <c>gzip</c>; a client that ranks another coding higher, or sends <c>zstd;q=0</c>,
/// gets that other coding.
/// </summary>
public sealed class ZstdCompressionProvider : ICompressionProvider
{
    private readonly ZstdStreamOptions _streamOptions;

    /// <summary>Creates the provider from the bound options.</summary>
    /// <param name="options">The compression options (level).</param>
    public ZstdCompressionProvider(IOptions<HighPerfCompressionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var level = options.Value.Level;
        _streamOptions = new ZstdStreamOptions
        {
            Level = level,
            WindowLog = level > HttpZstd.MaxLevelWithinWindow ? HttpZstd.MaxWindowLog : null,
        };
    }

    /// <inheritdoc />
    public string EncodingName => HttpZstd.EncodingName;

    /// <inheritdoc />
    public bool SupportsFlush => true;

    /// <inheritdoc />
    public Stream CreateStream(Stream outputStream) =>
        new ZstdStream(outputStream, CompressionMode.Compress, _streamOptions, leaveOpen: true);
}
