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
}
