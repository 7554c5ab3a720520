using System.Text.Json;

namespace HighPerf.Sample.Tests;

public sealed class SampleEndpointTests(SampleHost host) : IClassFixture<SampleHost>
{
    private Uri Url(string pathAndQuery) => new(host.BaseAddress, pathAndQuery);

    [Fact]
    public async Task Curl_compressed_receives_zstd_and_the_exact_json()
    {
        var plain = await Curl.GetAsync(Url("/samples/large-json?rows=5000"));
        var compressed = await Curl.GetAsync(Url("/samples/large-json?rows=5000"), "--compressed");

        Assert.Equal(200, compressed.Status);
        Assert.Null(plain.Header("Content-Encoding"));
        Assert.Equal("zstd", compressed.Header("Content-Encoding"));
        Assert.Equal(plain.Body, compressed.Body);

        using var json = JsonDocument.Parse(compressed.Body);
        Assert.Equal(5000, json.RootElement.GetArrayLength());
        var first = json.RootElement[0];
        Assert.Equal(1, first.GetProperty("id").GetInt64());
        Assert.True(first.GetProperty("user_id").GetInt64() > 0);
        Assert.Contains(first.GetProperty("event_type").GetString(), new[] { "page_view", "signup", "add_to_cart", "checkout", "purchase" });
        Assert.Equal(JsonValueKind.Object, first.GetProperty("properties").ValueKind);
        Assert.EndsWith("Z", first.GetProperty("created_at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zstd_body_on_the_wire_is_what_the_zstd_tool_decodes()
    {
        var plain = await Curl.GetAsync(Url("/samples/large-json?rows=20000"));
        var raw = await Curl.GetAsync(Url("/samples/large-json?rows=20000"), "-H", "Accept-Encoding: zstd");

        Assert.Equal("zstd", raw.Header("Content-Encoding"));
        Assert.True(raw.Body.Length * 5 < plain.Body.Length, $"{raw.Body.Length} compressed vs {plain.Body.Length}");
        Assert.Equal(plain.Body, Curl.ZstdDecompress(raw.Body));
    }

    [Fact]
    public async Task Zstd_refused_by_q_zero_gets_gzip()
    {
        var plain = await Curl.GetAsync(Url("/samples/large-json?rows=3000"));
        var gzip = await Curl.GetAsync(Url("/samples/large-json?rows=3000"), "--compressed", "-H", "Accept-Encoding: zstd;q=0, gzip");

        Assert.Equal("gzip", gzip.Header("Content-Encoding"));
        Assert.Equal(plain.Body, gzip.Body);
    }

    [Fact]
    public async Task The_data_set_is_deterministic()
    {
        var a = await Curl.GetAsync(Url("/samples/large-json?rows=1000"));
        var b = await Curl.GetAsync(Url("/samples/large-json?rows=1000"));
        Assert.Equal(a.Body, b.Body);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    [InlineData("abc")]
    public async Task Bad_row_counts_get_problem_details(string rows)
    {
        var response = await Curl.GetAsync(Url("/samples/large-json?rows=" + rows));
        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("invalid_data", problem.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
        Assert.True(problem.RootElement.TryGetProperty("type", out _));
        Assert.True(problem.RootElement.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task Root_names_the_host_and_its_backends()
    {
        var response = await Curl.GetAsync(Url("/"));
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Equal("HighPerf.Sample", root.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        var backends = root.GetProperty("backends");
        foreach (var name in new[] { "store", "cache_l1", "cache_l2", "search", "tracing" })
        {
            Assert.True(backends.TryGetProperty(name, out _), $"backends.{name} is missing");
        }

        // The in-process cache is always there; without a Redis connection string it has no L2.
        Assert.True(backends.GetProperty("cache_l1").GetBoolean());
        Assert.False(backends.GetProperty("cache_l2").GetBoolean());

        // Without a PostgreSQL connection string the events live in the embedded DuckDB file.
        Assert.Equal("duckdb", backends.GetProperty("store").GetString());
    }

    [Fact]
    public async Task Health_reports_every_check()
    {
        var response = await Curl.GetAsync(Url("/health"));
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", json.RootElement.GetProperty("checks").GetProperty("zstd").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_response_carries_a_request_id()
    {
        var echoed = await Curl.GetAsync(Url("/"), "-H", "X-Request-ID: abc-123.X_y");
        Assert.Equal("abc-123.X_y", echoed.Header("X-Request-ID"));

        var generated = await Curl.GetAsync(Url("/health"));
        Assert.False(string.IsNullOrEmpty(generated.Header("X-Request-ID")));

        var malformed = await Curl.GetAsync(Url("/"), "-H", "X-Request-ID: <script>");
        Assert.NotEqual("<script>", malformed.Header("X-Request-ID"));
        Assert.Matches("^[A-Za-z0-9._-]+$", malformed.Header("X-Request-ID")!);

        var error = await Curl.GetAsync(Url("/samples/large-json?rows=0"), "-H", "X-Request-ID: err-1");
        Assert.Equal("err-1", error.Header("X-Request-ID"));
    }
}
