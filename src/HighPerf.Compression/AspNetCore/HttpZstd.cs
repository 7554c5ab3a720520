namespace HighPerf.Compression.AspNetCore;

/// <summary>Constants of zstd as an HTTP content coding (RFC 9659).</summary>
internal static class HttpZstd
{
    internal const string EncodingName = "zstd";

    /// <summary>RFC 9659 §3: decoders must accept windows of at least 8 MiB and may refuse larger ones.</summary>
    internal const int MaxWindowLog = 23;

    /// <summary>The largest level whose default window fits <see cref="MaxWindowLog"/>.</summary>
    internal const int MaxLevelWithinWindow = 19;

    internal static readonly string[] ExtraMimeTypes =
    [
        "application/problem+json",
        "application/x-ndjson",
        "application/vnd.apache.arrow.stream",
        "image/svg+xml",
    ];
}
