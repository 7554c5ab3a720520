namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class UnknownSchemaTests(ApiHost host)
{
    [Theory]
    [InlineData("GET", "/api/v1/schemas/missing_schema")]
    [InlineData("POST", "/api/v1/high-performance/ultra-fast-bulk/missing_schema")]
    [InlineData("GET", "/api/v1/high-performance/query-optimized/missing_schema")]
    [InlineData("GET", "/api/v1/high-performance/query-optimized/missing_schema?analysis=summary")]
    [InlineData("GET", "/api/v1/high-performance/stream-arrow-batches/missing_schema?strategy=offset")]
    [InlineData("GET", "/api/v1/high-performance/stream-arrow-batches/missing_schema?strategy=keyset")]
    [InlineData("POST", "/api/v1/high-performance/export-parquet/missing_schema")]
    [InlineData("GET", "/api/v1/high-performance/analyze/missing_schema?type=summary")]
    [InlineData("GET", "/api/v1/high-performance/analyze/missing_schema?type=profile")]
    [InlineData("GET", "/api/v1/high-performance/analyze/missing_schema?type=quality")]
    [InlineData("POST", "/api/v1/high-performance/benchmark/missing_schema")]
    public async Task Every_endpoint_answers_schema_not_found(string method, string path)
    {
        var url = new Uri(host.BaseAddress, path);
        var response = method == "GET"
            ? await Curl.GetAsync(url)
            : await Requests.PostJsonAsync(url, method == "POST" && path.Contains("bulk", StringComparison.Ordinal) ? """[{"id":1}]""" : "{}");

        Requests.AssertProblem(response, 404, "schema_not_found");
        var problem = response.Json();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("missing_schema", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("exception", out _));
    }
}
