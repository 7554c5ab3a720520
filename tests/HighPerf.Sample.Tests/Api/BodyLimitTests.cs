using HighPerf.Compression;

namespace HighPerf.Sample.Tests.Api;

public sealed class BodyLimitTests(SmallBodyLimitHost host) : IClassFixture<SmallBodyLimitHost>
{
    [Fact]
    public async Task A_bulk_body_over_the_limit_is_refused_and_nothing_is_stored()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "limit", 0);
        var body = ApiTestData.ItemsJson(2000);
        Assert.True(body.Length > 65536);

        var response = await ApiRequests.PostBytesAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/ultra-fast-bulk/{name}"), body, "application/json");

        Assert.True(response.Status is 413 or 400, $"status {response.Status}");
        Requests.AssertProblem(response, response.Status, "invalid_data");
        Assert.Equal(0, await ApiTestData.RowCountAsync(host.BaseAddress, name));

        var small = await ApiRequests.PostBytesAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/ultra-fast-bulk/{name}"), ApiTestData.ItemsJson(20), "application/json");
        Assert.Equal(201, small.Status);
    }

    [Fact]
    public async Task A_compressed_body_that_expands_past_the_limit_is_refused_and_nothing_is_stored()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "limit_zstd", 0);
        var url = new Uri(host.BaseAddress, $"/api/v1/high-performance/ultra-fast-bulk/{name}");
        var bomb = Zstd.Compress(ApiTestData.ItemsJson(2000));
        Assert.True(bomb.Length < 65536, $"{bomb.Length} compressed bytes");

        var response = await PostZstdAsync(url, bomb);

        Assert.True(response.Status is 413 or 400, $"status {response.Status}");
        Requests.AssertProblem(response, response.Status, "invalid_data");
        Assert.Equal(0, await ApiTestData.RowCountAsync(host.BaseAddress, name));
        Assert.Equal(201, (await PostZstdAsync(url, Zstd.Compress(ApiTestData.ItemsJson(20)))).Status);
        Assert.Equal(20, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    internal static async Task<CurlResponse> PostZstdAsync(Uri url, byte[] compressed)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, compressed);
            return await Curl.GetAsync(url, "-X", "POST", "-H", "Content-Type: application/json", "-H", "Content-Encoding: zstd", "-H", "Expect:", "--data-binary", "@" + path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
