namespace HighPerf.Compression;

/// <summary>
/// HTTP compression settings, bound from the <c>HighPerf:Compression</c> configuration section by
/// <c>AddHighPerfCompression()</c>.
/// </summary>
public sealed class HighPerfCompressionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "HighPerf:Compression";

    /// <summary>
    /// zstd level for responses, from <see cref="Zstd.MinLevel"/> (fastest) to <see cref="Zstd.MaxLevel"/>;
    /// default 3. Levels above 19 are capped to an 8 MiB window, the most HTTP clients must accept (RFC 9659).
    /// </summary>
    public int Level { get; set; } = Zstd.DefaultLevel;

    /// <summary>
    /// Responses that declare a <c>Content-Length</c> below this many bytes are sent uncompressed
    /// (framing would cost more than it saves); default 860, the size below which common CDNs do
    /// not compress. Responses of unknown length are always compressed.
    /// </summary>
    public int MinimumSize { get; set; } = 860;

    /// <summary>
    /// The MIME types to compress. <see langword="null"/> (the default) means ASP.NET Core's
    /// defaults plus <c>application/problem+json</c>, <c>application/x-ndjson</c>,
    /// <c>application/vnd.apache.arrow.stream</c> and <c>image/svg+xml</c>; a list replaces them.
    /// </summary>
    public IList<string>? MimeTypes { get; set; }

    /// <summary>Whether HTTPS responses are compressed too; default <see langword="false"/> (BREACH-style attacks).</summary>
    public bool EnableForHttps { get; set; }

    /// <summary>
    /// The most bytes a <c>Content-Encoding: zstd</c> request body may decompress to; past it the request
    /// fails with 413. Default 32 MiB.
    /// </summary>
    public long MaxDecompressedRequestSize { get; set; } = 32 * 1024 * 1024;
}
