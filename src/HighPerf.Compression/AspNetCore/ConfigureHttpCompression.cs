using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace HighPerf.Compression.AspNetCore;

/// <summary>Applies <see cref="HighPerfCompressionOptions"/> to ASP.NET Core's response and request compression options.</summary>
internal sealed class ConfigureHttpCompression(IOptions<HighPerfCompressionOptions> options)
    : IConfigureOptions<ResponseCompressionOptions>, IConfigureOptions<RequestDecompressionOptions>
{
    public void Configure(ResponseCompressionOptions response)
    {
        var value = options.Value;
        response.EnableForHttps = value.EnableForHttps;
        response.MimeTypes = value.MimeTypes ?? [.. ResponseCompressionDefaults.MimeTypes, .. HttpZstd.ExtraMimeTypes];

        // Order breaks ties between equal q-values: zstd first, then brotli, then gzip.
        response.Providers.Add(new ZstdCompressionProvider(options));
        response.Providers.Add<BrotliCompressionProvider>();
        response.Providers.Add<GzipCompressionProvider>();
    }

    public void Configure(RequestDecompressionOptions request) =>
        request.DecompressionProviders[HttpZstd.EncodingName] = new ZstdDecompressionProvider(options);
}
