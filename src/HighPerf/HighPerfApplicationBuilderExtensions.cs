namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts every HighPerf middleware in the pipeline, in the right order.</summary>
public static class HighPerfApplicationBuilderExtensions
{
    /// <summary>Adds the middleware of the packages <c>AddHighPerf()</c> registered: today request decompression and response compression.</summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder.</returns>
    public static IApplicationBuilder UseHighPerf(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseHighPerfCompression();
    }
}
