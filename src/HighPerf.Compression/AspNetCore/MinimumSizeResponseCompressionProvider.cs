using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace HighPerf.Compression.AspNetCore;

/// <summary>
/// ASP.NET Core's own provider selection (q-values, MIME types, HTTPS rule), plus one rule it lacks:
/// a response that declares a length below <see cref="HighPerfCompressionOptions.MinimumSize"/> goes out as is.
/// </summary>
internal sealed class MinimumSizeResponseCompressionProvider(
    IServiceProvider services,
    IOptions<ResponseCompressionOptions> responseOptions,
    IOptions<HighPerfCompressionOptions> options) : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider _inner = new(services, responseOptions);
    private readonly int _minimumSize = options.Value.MinimumSize;

    public ICompressionProvider? GetCompressionProvider(HttpContext context) => _inner.GetCompressionProvider(context);

    public bool CheckRequestAcceptsCompression(HttpContext context) => _inner.CheckRequestAcceptsCompression(context);

    public bool ShouldCompressResponse(HttpContext context) =>
        !(context.Response.ContentLength < _minimumSize) && _inner.ShouldCompressResponse(context);
}
