using System.Text.Json;

namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class SchemaEndpointTests(ApiHost host)
{
    private Uri Url(string path) => new(host.BaseAddress, path);

    [Fact]
    public async Task Create_returns_201_with_the_definition_and_describe_adds_the_row_count()
    {
        var name = ApiTestData.UniqueName("schema");
        var created = await Requests.PostJsonAsync(Url("/api/v1/schemas"), ApiTestData.ItemsDefinition(name));

        Assert.Equal(201, created.Status);
        Assert.Equal($"/api/v1/schemas/{name}", created.Header("Location"));
        var definition = created.Json();
        Assert.Equal(name, definition.GetProperty("name").GetString());
        var columns = definition.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(10, columns.Count);
        Assert.Equal("price", columns[4].GetProperty("name").GetString());
        Assert.Equal("decimal(12,2)", columns[4].GetProperty("type").GetString());
        Assert.False(columns[0].GetProperty("nullable").GetBoolean());
        Assert.True(columns[2].GetProperty("nullable").GetBoolean());
        Assert.Equal(["id"], definition.GetProperty("primary_key").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("code", definition.GetProperty("unique")[0][0].GetString());
        ApiTestData.AssertMetrics(definition);

        await ApiRequests.PostBytesAsync(Url($"/api/v1/high-performance/ultra-fast-bulk/{name}"), ApiTestData.ItemsJson(42), "application/json");
        var described = await Curl.GetAsync(Url($"/api/v1/schemas/{name}"));
        Assert.Equal(200, described.Status);
        var body = described.Json();
        Assert.Equal(42, body.GetProperty("row_count").GetInt64());
        Assert.Equal(JsonSerializer.Serialize(definition.GetProperty("columns")), JsonSerializer.Serialize(body.GetProperty("columns")));
    }

    [Fact]
    public async Task A_second_schema_of_the_same_name_or_of_a_sample_table_is_a_duplicate()
    {
        var name = ApiTestData.UniqueName("dup");
        Assert.Equal(201, (await Requests.PostJsonAsync(Url("/api/v1/schemas"), ApiTestData.ItemsDefinition(name))).Status);

        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/api/v1/schemas"), ApiTestData.ItemsDefinition(name)), 409, "duplicate_record");
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/api/v1/schemas"), ApiTestData.ItemsDefinition("events")), 409, "duplicate_record");
    }

    [Theory]
    [InlineData("\\\"; drop table events; --")]
    [InlineData("x\\\"; drop table events; --")]
    [InlineData("caf\u00e9")]
    [InlineData("\u0430ccounts")]
    [InlineData("Upper")]
    [InlineData("1starts_with_digit")]
    [InlineData("with space")]
    [InlineData("select")]
    [InlineData("highperf_datasets")]
    [InlineData("")]
    public async Task Bad_schema_names_are_schema_validation(string name)
    {
        var response = await Requests.PostJsonAsync(Url("/api/v1/schemas"), $$"""{"name":"{{name}}","columns":[{"name":"id","type":"int64"}]}""");
        Requests.AssertProblem(response, 400, "schema_validation");

        // Nothing was run: the sample's events table is still there.
        Assert.Equal(200, (await Curl.GetAsync(Url("/samples/events/1"))).Status);
    }

    [Fact]
    public async Task A_name_of_64_characters_is_refused_and_63_accepted()
    {
        var longest = ApiTestData.UniqueName("n").PadRight(63, 'a');
        Assert.Equal(201, (await Requests.PostJsonAsync(Url("/api/v1/schemas"), $$"""{"name":"{{longest}}","columns":[{"name":"id","type":"int64"}]}""")).Status);
        Requests.AssertProblem(
            await Requests.PostJsonAsync(Url("/api/v1/schemas"), $$"""{"name":"{{longest}}a","columns":[{"name":"id","type":"int64"}]}"""),
            400, "schema_validation");
    }

    [Theory]
    [InlineData("""{"name":"ok_name","columns":[{"name":"Bad","type":"int64"}]}""")]
    [InlineData("""{"name":"ok_name","columns":[{"name":"id","type":"uuid"}]}""")]
    [InlineData("""{"name":"ok_name","columns":[]}""")]
    [InlineData("""{"name":"ok_name","columns":[{"name":"id","type":"int64"},{"name":"id","type":"int64"}]}""")]
    [InlineData("""{"name":"ok_name","columns":[{"name":"id","type":"int64"}],"primary_key":"nope"}""")]
    [InlineData("""{"columns":[{"name":"id","type":"int64"}]}""")]
    public async Task Bad_definitions_are_schema_validation(string body)
    {
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/api/v1/schemas"), body), 400, "schema_validation");
    }

    [Theory]
    [InlineData("""{"name":"ok_name","columns":[""")]
    [InlineData("""not json""")]
    public async Task Malformed_definitions_are_invalid_data(string body)
    {
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/api/v1/schemas"), body), 400, "invalid_data");
    }

    [Theory]
    [InlineData("/api/v1/schemas/no_such_schema")]
    [InlineData("/api/v1/schemas/NotValid")]
    [InlineData("/api/v1/schemas/highperf_datasets")]
    public async Task Describing_an_unknown_schema_is_schema_not_found(string path)
    {
        Requests.AssertProblem(await Curl.GetAsync(Url(path)), 404, "schema_not_found");
    }
}
