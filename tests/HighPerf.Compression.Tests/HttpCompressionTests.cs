using System.Net;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HighPerf.Compression.Tests;

public sealed class HttpCompressionTests
{
    [Theory]
    [InlineData("zstd", "zstd")]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("zstd;q=0, gzip", "gzip")]
    [InlineData("gzip, br, zstd", "zstd")]
    [InlineData("zstd;q=0.5, br;q=1", "br")]
    [InlineData("gzip;q=0.9, zstd;q=0.8", "gzip")]
    [InlineData("*", "zstd")]
    [InlineData("identity", null)]
    [InlineData(null, null)]
    public async Task The_client_q_values_choose_the_coding(string? acceptEncoding, string? expected)
    {
        await using var app = await HttpTestApp.StartAsync();
        using var response = await app.Client.SendAsync(HttpTestApp.Get("/json", acceptEncoding));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        Assert.Equal(expected, encoding);
        Assert.Equal(HttpTestApp.Json, HttpTestApp.Decode(encoding, await response.Content.ReadAsByteArrayAsync()));
        if (expected is not null)
        {
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task Responses_below_the_minimum_size_and_other_mime_types_are_sent_as_is()
    {
        await using var app = await HttpTestApp.StartAsync();
        using var small = await app.Client.SendAsync(HttpTestApp.Get("/small", "zstd"));
        Assert.Empty(small.Content.Headers.ContentEncoding);
        Assert.Equal("{\"tiny\":true}", await small.Content.ReadAsStringAsync());

        using var image = await app.Client.SendAsync(HttpTestApp.Get("/image", "zstd"));
        Assert.Empty(image.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_flushed_response_reaches_the_client_before_the_handler_finishes()
    {
        await using var app = await HttpTestApp.StartAsync();
        using var response = await app.Client.SendAsync(HttpTestApp.Get("/stream", "zstd"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("zstd", response.Content.Headers.ContentEncoding.Single());

        await using var decoder = new ZstdStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var first = new byte[50_000];
        await decoder.ReadExactlyAsync(first).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpTestApp.Json.AsSpan(0, 50_000).ToArray(), first);
        Assert.False(app.ReleaseSecondPart.Task.IsCompleted);

        app.ReleaseSecondPart.SetResult();
        var rest = new MemoryStream();
        await decoder.CopyToAsync(rest);
        Assert.Equal(HttpTestApp.Json.AsSpan(50_000).ToArray(), rest.ToArray());
    }

    [Fact]
    public async Task A_zstd_request_body_is_decompressed()
    {
        await using var app = await HttpTestApp.StartAsync();
        using var response = await app.Client.SendAsync(HttpTestApp.PostZstd("/length", Zstd.Compress(HttpTestApp.Json)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpTestApp.Json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_limit_is_exact()
    {
        await using var app = await HttpTestApp.StartAsync(new() { ["HighPerf:Compression:MaxDecompressedRequestSize"] = "100000" });
        using var response = await app.Client.SendAsync(HttpTestApp.PostZstd("/length", Zstd.Compress(new byte[100_000])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("100000", await response.Content.ReadAsStringAsync());

        using var over = await app.Client.SendAsync(HttpTestApp.PostZstd("/length", Zstd.Compress(new byte[100_001])));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
    }

    [Fact]
    public async Task Corrupt_and_truncated_bodies_get_400()
    {
        await using var app = await HttpTestApp.StartAsync();
        var good = Zstd.Compress(HttpTestApp.Json);

        using var garbage = await app.Client.SendAsync(HttpTestApp.PostZstd("/length", TestData.Random(5_000)));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        using var truncated = await app.Client.SendAsync(HttpTestApp.PostZstd("/length", good[..(good.Length / 2)]));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
    }

    [Fact]
    public async Task Options_are_bound_from_configuration()
    {
        await using var app = await HttpTestApp.StartAsync(new()
        {
            ["HighPerf:Compression:Level"] = "-5",
            ["HighPerf:Compression:MinimumSize"] = "10",
            ["HighPerf:Compression:EnableForHttps"] = "true",
            ["HighPerf:Compression:MimeTypes:0"] = "text/csv",
        });

        var options = app.Services.GetRequiredService<IOptions<HighPerfCompressionOptions>>().Value;
        Assert.Equal(-5, options.Level);
        Assert.Equal(10, options.MinimumSize);
        Assert.True(options.EnableForHttps);
        Assert.Equal(["text/csv"], options.MimeTypes);

        var response = app.Services.GetRequiredService<IOptions<ResponseCompressionOptions>>().Value;
        Assert.True(response.EnableForHttps);
        Assert.Equal(["text/csv"], response.MimeTypes);

        using var json = await app.Client.SendAsync(HttpTestApp.Get("/json", "zstd"));
        Assert.Empty(json.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Invalid_options_fail_at_start_up()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => HttpTestApp.StartAsync(new() { ["HighPerf:Compression:Level"] = "99" }));
        Assert.Contains("Level", ex.Message, StringComparison.Ordinal);
    }
}
