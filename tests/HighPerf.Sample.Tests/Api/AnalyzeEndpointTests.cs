using System.Text.Json;

namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AnalyzeEndpointTests(ApiHost host)
{
    private const int Rows = 200;

    private async Task<JsonElement> AnalyzeAsync(string name, string type)
    {
        var response = await Curl.GetAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/analyze/{name}{type}"));
        Assert.Equal(200, response.Status);
        var body = response.Json();
        ApiTestData.AssertMetrics(body);
        return body;
    }

    private static JsonElement Column(JsonElement analysis, string name) =>
        analysis.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Summary_has_counts_types_and_min_max_mean()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "analyze_summary", Rows);
        var body = await AnalyzeAsync(name, "?type=summary");

        Assert.Equal("summary", body.GetProperty("type").GetString());
        Assert.Equal("duckdb_sql_summary", body.GetProperty("performance_metrics").GetProperty("method").GetString());
        var analysis = body.GetProperty("analysis");
        Assert.Equal(Rows, analysis.GetProperty("row_count").GetInt64());
        var qty = Column(analysis, "qty");
        Assert.Equal("int32", qty.GetProperty("type").GetString());
        Assert.Equal("0", qty.GetProperty("min").GetString());
        Assert.Equal("9", qty.GetProperty("max").GetString());
        Assert.Equal(4.5, qty.GetProperty("mean").GetDouble(), 6);
        var region = Column(analysis, "region");
        Assert.Equal(Rows / 5, region.GetProperty("null_count").GetInt64());
        Assert.Equal(Rows - (Rows / 5), region.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, region.GetProperty("mean").ValueKind);

        // No type given: the summary.
        Assert.Equal("summary", (await AnalyzeAsync(name, "")).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Profile_has_distinct_counts_histograms_and_top_values()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "analyze_profile", Rows);
        var analysis = (await AnalyzeAsync(name, "?type=profile")).GetProperty("analysis");

        var qty = Column(analysis, "qty");
        Assert.Equal(10, qty.GetProperty("distinct_count").GetInt64());
        Assert.Equal(Rows, qty.GetProperty("histogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        var region = Column(analysis, "region");
        Assert.Equal(3, region.GetProperty("distinct_count").GetInt64());
        var top = region.GetProperty("top_values").EnumerateArray().ToList();
        Assert.Equal(3, top.Count);
        Assert.Equal(Rows - (Rows / 5), top.Sum(t => t.GetProperty("count").GetInt64()));
        Assert.Equal(Rows, Column(analysis, "id").GetProperty("distinct_count").GetInt64());
    }

    [Fact]
    public async Task Quality_has_nulls_duplicates_on_keys_and_type_violations()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "analyze_quality", Rows);
        var analysis = (await AnalyzeAsync(name, "?type=quality")).GetProperty("analysis");

        Assert.Equal(Rows, analysis.GetProperty("row_count").GetInt64());
        var region = Column(analysis, "region");
        Assert.Equal(Rows / 5, region.GetProperty("nulls").GetInt64());
        Assert.Equal(0.2, region.GetProperty("null_ratio").GetDouble(), 6);
        Assert.Equal(0, Column(analysis, "props").GetProperty("type_violations").GetInt64());
        var keys = analysis.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal("id", keys[0].GetProperty("columns")[0].GetString());
        Assert.All(keys, k => Assert.Equal(0, k.GetProperty("duplicate_rows").GetInt64()));
    }

    [Theory]
    [InlineData("?type=everything")]
    [InlineData("?type=SUMMARY")]
    public async Task An_unknown_type_is_invalid_data(string query)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "analyze_bad", 1);
        Requests.AssertProblem(await Curl.GetAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/analyze/{name}{query}")), 400, "invalid_data");
    }
}
