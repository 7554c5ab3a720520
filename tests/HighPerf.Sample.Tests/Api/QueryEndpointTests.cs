using System.Text.Json;

namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class QueryEndpointTests(ApiHost host)
{
    private const int Rows = 300;

    private Task<CurlResponse> QueryAsync(string name, string query) =>
        Curl.GetAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/query-optimized/{name}{query}"), "--globoff");

    private static string Filters(string json) => "filters=" + Uri.EscapeDataString(json);

    private static List<long> Ids(JsonElement body) => body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task Without_filters_the_first_rows_come_in_key_order_with_every_type_as_json()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "query_all", Rows);

        var response = await QueryAsync(name, "?limit=5");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.Header("Content-Type"), StringComparison.Ordinal);
        var body = response.Json();
        Assert.Equal([1L, 2, 3, 4, 5], Ids(body));
        Assert.Equal(5, body.GetProperty("row_count").GetInt64());
        Assert.False(body.TryGetProperty("analysis", out _));
        ApiTestData.AssertMetrics(body, "duckdb_query_arrow_to_json");

        var row = body.GetProperty("rows")[3];
        Assert.Equal("c-4", row.GetProperty("code").GetString());
        Assert.Equal("us", row.GetProperty("region").GetString());
        Assert.Equal(4, row.GetProperty("qty").GetInt32());
        Assert.Equal("4.25", row.GetProperty("price").GetRawText());
        Assert.Equal(2.0, row.GetProperty("score").GetDouble());
        Assert.True(row.GetProperty("active").GetBoolean());
        Assert.Equal("2026-02-05", row.GetProperty("day").GetString());
        Assert.Equal("2026-01-01T00:00:04.000000Z", row.GetProperty("at").GetString());
        Assert.Equal(4, row.GetProperty("props").GetProperty("k")[0].GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("rows")[4].GetProperty("region").ValueKind);
    }

    [Fact]
    public async Task Equals_in_range_and_null_filters_select_exactly_the_matching_rows()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "query_filters", Rows);
        var all = Enumerable.Range(1, Rows).Select(i => (long)i).ToList();

        var equals = (await QueryAsync(name, "?limit=1000&" + Filters("""{"region":"eu"}"""))).Json();
        Assert.Equal(all.Where(id => id % 5 != 0 && id % 3 == 0).ToList(), Ids(equals));

        var within = (await QueryAsync(name, "?limit=1000&" + Filters("""{"qty":{"in":[1,2]},"active":true}"""))).Json();
        Assert.Equal(all.Where(id => id % 10 is 1 or 2 && id % 2 == 0).ToList(), Ids(within));

        var range = (await QueryAsync(name, "?limit=1000&" + Filters("""{"price":{"gte":10.25,"lt":20},"day":{"lte":"2026-02-15"}}"""))).Json();
        Assert.Equal(all.Where(id => id >= 10 && id < 20 && 1 + (id % 28) <= 15).ToList(), Ids(range));

        var nulls = (await QueryAsync(name, "?limit=1000&" + Filters("""{"region":null}"""))).Json();
        Assert.Equal(all.Where(id => id % 5 == 0).ToList(), Ids(nulls));

        var instants = (await QueryAsync(name, "?limit=1000&" + Filters("""{"at":{"gt":"2026-01-01T00:00:58Z"}}"""))).Json();
        Assert.Equal(all.Where(id => id % 60 == 59).ToList(), Ids(instants));
    }

    [Fact]
    public async Task The_limit_caps_the_rows_and_the_analysis_block_covers_every_matching_row()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "query_analysis", Rows);

        var body = (await QueryAsync(name, "?limit=10&analysis=summary&" + Filters("""{"id":{"gt":100}}"""))).Json();

        Assert.Equal(10, body.GetProperty("row_count").GetInt64());
        Assert.Equal(Enumerable.Range(101, 10).Select(i => (long)i).ToList(), Ids(body));
        var analysis = body.GetProperty("analysis");
        Assert.Equal(Rows - 100, analysis.GetProperty("row_count").GetInt64());
        var id = analysis.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "id");
        Assert.Equal("101", id.GetProperty("min").GetString());
        Assert.Equal(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), id.GetProperty("max").GetString());
        Assert.Equal((101 + Rows) / 2.0, id.GetProperty("mean").GetDouble(), 6);
        var region = analysis.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "region");
        Assert.Equal(Enumerable.Range(101, Rows - 100).Count(i => i % 5 == 0), region.GetProperty("null_count").GetInt64());
    }

    [Fact]
    public async Task Decimals_keep_their_sign_scale_and_every_digit()
    {
        var name = ApiTestData.UniqueName("query_decimal");
        Assert.Equal(201, (await Requests.PostJsonAsync(new Uri(host.BaseAddress, "/api/v1/schemas"),
            $$"""{"name":"{{name}}","columns":[{"name":"id","type":"int32","nullable":false},{"name":"d","type":"decimal(18,4)"}],"primary_key":"id"}""")).Status);
        var rows = """[{"id":1,"d":-0.0005},{"id":2,"d":12345678901234.5678},{"id":3,"d":0},{"id":4,"d":-7},{"id":5,"d":null}]""";
        Assert.Equal(201, (await ApiRequests.PostBytesAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/ultra-fast-bulk/{name}"), System.Text.Encoding.UTF8.GetBytes(rows), "application/json")).Status);

        var body = (await QueryAsync(name, "")).Json();

        Assert.Equal(
            ["-0.0005", "12345678901234.5678", "0.0000", "-7.0000", "null"],
            body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("d").GetRawText()));
    }

    [Theory]
    [InlineData("""{"nope":1}""")]
    [InlineData("""{"id":"seven"}""")]
    [InlineData("""{"day":"2026-13-01"}""")]
    [InlineData("""{"qty":{"between":[1,2]}}""")]
    [InlineData("""{"qty":{"in":3}}""")]
    [InlineData("""{"id":""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"props":{"in":[1]}}""")]
    public async Task Bad_filters_are_invalid_data(string filters)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "query_bad", 3);
        Requests.AssertProblem(await QueryAsync(name, "?" + Filters(filters)), 400, "invalid_data");
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=ten")]
    [InlineData("?limit=1000000")]
    [InlineData("?analysis=profile")]
    public async Task Bad_parameters_are_invalid_data(string query)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "query_params", 3);
        Requests.AssertProblem(await QueryAsync(name, query), 400, "invalid_data");
    }
}
