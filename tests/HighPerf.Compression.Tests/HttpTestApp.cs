using System.IO.Compression;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HighPerf.Compression.Tests;

/// <summary>A real ASP.NET Core pipeline on TestServer with AddHighPerfCompression/UseHighPerfCompression.</summary>
internal sealed class HttpTestApp : IAsyncDisposable
{
    internal static readonly byte[] Json = TestData.Json(100_000, seed: 5);

    private readonly WebApplication _app;

    private HttpTestApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public TaskCompletionSource ReleaseSecondPart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IServiceProvider Services => _app.Services;

    internal static async Task<HttpTestApp> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddHighPerfCompression();
        var app = builder.Build();
        HttpTestApp? self = null;

        // Body errors become their status code, as the sample's problem-details handler does.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex)
            {
                context.Response.StatusCode = ex.StatusCode;
            }
        });
        app.UseHighPerfCompression();
        app.MapGet("/json", () => Results.Bytes(Json, "application/json"));
        app.MapGet("/small", () => Results.Bytes("{\"tiny\":true}"u8.ToArray(), "application/json"));
        app.MapGet("/image", () => Results.Bytes(Json, "image/png"));
        app.MapGet("/stream", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Json.AsMemory(0, 50_000));
            await context.Response.Body.FlushAsync();
            await self!.ReleaseSecondPart.Task;
            await context.Response.Body.WriteAsync(Json.AsMemory(50_000));
        });
        app.MapPost("/length", async (HttpContext context) =>
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                total += read;
            }

            return Results.Text(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await app.StartAsync();
        self = new HttpTestApp(app);
        return self;
    }

    internal static HttpRequestMessage Get(string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return request;
    }

    internal static HttpRequestMessage PostZstd(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentEncoding.Add("zstd");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    internal static byte[] Decode(string? encoding, byte[] body)
    {
        Stream decoder = encoding switch
        {
            "zstd" => new ZstdStream(new MemoryStream(body), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            null => new MemoryStream(body),
            _ => throw new InvalidOperationException("unexpected encoding " + encoding),
        };
        using (decoder)
        {
            var output = new MemoryStream();
            decoder.CopyTo(output);
            return output.ToArray();
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
