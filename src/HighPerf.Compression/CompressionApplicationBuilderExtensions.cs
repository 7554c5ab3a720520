namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts HighPerf.Compression's middleware in the pipeline.</summary>
public static class CompressionApplicationBuilderExtensions
{
    /// <summary>
    /// Adds request decompression, then response compression, as registered by
    /// <c>AddHighPerfCompression()</c>. Call it before the endpoints whose bodies it should cover.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder.</returns>
    public static IApplicationBuilder UseHighPerfCompression(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseRequestDecompression().UseResponseCompression();
    }
}
