namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class BenchmarkEndpointTests(ApiHost host)
{
    private Uri Url(string name) => new(host.BaseAddress, $"/api/v1/high-performance/benchmark/{name}");

    [Fact]
    public async Task Both_paths_are_timed_on_the_same_rows_and_the_data_set_is_unchanged()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bench", 25);

        var response = await Requests.PostJsonAsync(Url(name), """{"rows":400}""");

        Assert.Equal(200, response.Status);
        var body = response.Json();
        Assert.Equal(400, body.GetProperty("rows").GetInt32());
        var naive = body.GetProperty("naive");
        var optimized = body.GetProperty("optimized");
        Assert.Equal("prepared_insert_per_row", naive.GetProperty("method").GetString());
        Assert.Equal("arrow_batches_insert_select", optimized.GetProperty("method").GetString());
        Assert.True(naive.GetProperty("duration_ms").GetDouble() > 0);
        Assert.True(optimized.GetProperty("duration_ms").GetDouble() > 0);
        Assert.True(naive.GetProperty("rows_per_second").GetDouble() > 0);
        Assert.True(optimized.GetProperty("rows_per_second").GetDouble() > 0);
        var ratio = body.GetProperty("ratio").GetDouble();
        Assert.True(ratio > 0);
        var expected = naive.GetProperty("duration_ms").GetDouble() / optimized.GetProperty("duration_ms").GetDouble();
        Assert.InRange(ratio, expected * 0.99, expected * 1.01);
        ApiTestData.AssertMetrics(body, "naive_vs_arrow_insert");

        Assert.Equal(25, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    [Fact]
    public async Task Without_a_body_the_default_row_count_is_used()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bench_default", 0);
        var response = await ApiRequests.PostEmptyAsync(Url(name));

        Assert.Equal(200, response.Status);
        Assert.Equal(5000, response.Json().GetProperty("rows").GetInt32());
    }

    [Theory]
    [InlineData("""{"rows":0}""")]
    [InlineData("""{"rows":-1}""")]
    [InlineData("""{"rows":100001}""")]
    [InlineData("""{"rows":"many"}""")]
    [InlineData("""[1]""")]
    public async Task A_bad_row_count_is_invalid_data(string body)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bench_bad", 0);
        Requests.AssertProblem(await Requests.PostJsonAsync(Url(name), body), 400, "invalid_data");
    }
}
