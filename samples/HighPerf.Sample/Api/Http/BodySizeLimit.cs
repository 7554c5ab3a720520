using Microsoft.AspNetCore.Http.Metadata;

namespace HighPerf.Sample.Api.Http;

/// <summary>
/// An endpoint's body limit as metadata: routing applies it to Kestrel's limit before the body is read, and request
/// decompression applies it to the decompressed bytes, so a small compressed body cannot expand past it.
/// </summary>
internal sealed class BodySizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => maxBytes;
}
