using System.Text.Json;

namespace HighPerf.Sample.Tests;

public sealed class SqlEndpointTests(SampleHost host) : IClassFixture<SampleHost>
{
    private Uri Url(string pathAndQuery) => new(host.BaseAddress, pathAndQuery);

    private Task<CurlResponse> RunAsync(string sql, params string[] headers) =>
        Requests.PostFileAsync(Url("/samples/duckdb"), JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["sql"] = sql }), headers);

    [Fact]
    public async Task A_select_returns_columns_rows_and_a_duration()
    {
        var response = await RunAsync("SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY event_type DESC;");
        Assert.Equal(200, response.Status);
        var json = response.Json();
        Assert.Equal(["event_type", "n"], json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("BIGINT", json.GetProperty("columns")[1].GetProperty("type").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["signup", "purchase", "page_view", "checkout", "add_to_cart"], rows.Select(r => r[0].GetString()));
        Assert.True(rows.Sum(r => r[1].GetInt64()) >= 100_000);
        Assert.True(json.GetProperty("duration_ms").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("WITH u AS (SELECT user_id FROM events WHERE user_id < 3) SELECT count(*) FROM u")]
    [InlineData("SELECT a.range FROM range(3) a JOIN (VALUES (1), (2)) v(x) ON a.range = v.x")]
    [InlineData("FROM main.events SELECT id, properties LIMIT 2")]
    [InlineData("SELECT 1 UNION ALL SELECT 2")]
    [InlineData("SELECT user_id, row_number() OVER (ORDER BY id) FROM events QUALIFY row_number() OVER (ORDER BY id) < 3")]
    public async Task Ordinary_selects_run(string sql)
    {
        Assert.Equal(200, (await RunAsync(sql)).Status);
    }

    [Fact]
    public async Task Rows_stop_at_the_row_limit()
    {
        var json = (await RunAsync("SELECT range FROM range(50000)")).Json();
        Assert.Equal(10_000, json.GetProperty("rows").GetArrayLength());
        Assert.True(json.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task A_query_past_the_time_limit_is_interrupted()
    {
        var response = await RunAsync("SELECT count(*) FROM range(1000000000000) a WHERE hash(a.range) = 0");
        Requests.AssertProblem(response, 400, "invalid_data");
        Assert.Contains("time limit", response.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COPY events TO '/tmp/highperf-leak.csv'")]
    [InlineData("COPY (SELECT * FROM events) TO '/tmp/highperf-leak.parquet' (FORMAT parquet)")]
    [InlineData("ATTACH '/tmp/highperf-other.duckdb' AS other")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("PRAGMA database_list")]
    [InlineData("DELETE FROM events")]
    [InlineData("DROP TABLE events")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("INSERT INTO events SELECT * FROM events")]
    [InlineData("SELECT 1; DROP TABLE events")]
    [InlineData("SELECT 1 FROM events) q; DROP TABLE events; --")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT * FROM read_text('/etc/passwd')")]
    [InlineData("SELECT * FROM read_blob('/etc/hostname')")]
    [InlineData("SELECT * FROM read_parquet('/tmp/x.parquet')")]
    [InlineData("SELECT * FROM '/etc/passwd'")]
    [InlineData("SELECT * FROM glob('/*')")]
    [InlineData("SELECT * FROM query('SELECT 1')")]
    [InlineData("SELECT * FROM duckdb_settings()")]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("SELECT * FROM other.main.events")]
    [InlineData("SUMMARIZE events")]
    [InlineData("SELECT nextval('s')")]
    [InlineData("SELEC 1")]
    [InlineData("")]
    public async Task Anything_but_one_read_only_select_over_the_sample_tables_is_refused(string sql)
    {
        var response = await RunAsync(sql);
        Requests.AssertProblem(response, 400, "invalid_data");
        Assert.False(File.Exists("/tmp/highperf-leak.csv"));
        Assert.DoesNotContain("root:", response.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_is_still_there_after_the_attempts()
    {
        await RunAsync("DROP TABLE events");
        Assert.Equal(200, (await RunAsync("SELECT count(*) FROM events")).Status);
    }

    [Fact]
    public async Task Arrow_is_returned_when_asked_for()
    {
        var response = await RunAsync("SELECT id, event_type FROM events ORDER BY id LIMIT 5", "Accept: application/vnd.apache.arrow.stream");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/vnd.apache.arrow.stream", response.Header("Content-Type"));

        // IPC stream: a continuation marker and a schema message first, an end-of-stream marker last.
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, response.Body[..4]);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, response.Body[^8..]);
        Assert.True(response.Body.Length > 200);
    }

    [Fact]
    public async Task A_body_without_sql_is_invalid()
    {
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/samples/duckdb"), """{"query":"SELECT 1"}"""), 400, "invalid_data");
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/samples/duckdb"), "not json"), 400, "invalid_data");
    }
}
