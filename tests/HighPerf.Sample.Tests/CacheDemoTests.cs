namespace HighPerf.Sample.Tests;

public sealed class CacheDemoTests(SampleHost host) : IClassFixture<SampleHost>
{
    private Uri Url(string pathAndQuery) => new(host.BaseAddress, pathAndQuery);

    [Theory]
    [InlineData("/samples/duckdb-cached", 1_000_001)]
    [InlineData("/samples/duckdb-cached-decorator", 1_000_002)]
    public async Task A_miss_then_hits_under_one_key_until_its_tag_is_removed(string path, int n)
    {
        var miss = (await Curl.GetAsync(Url($"{path}?n={n}"))).Json();
        var hit = (await Curl.GetAsync(Url($"{path}?n={n}"))).Json();

        Assert.Equal("miss", miss.GetProperty("cache").GetString());
        Assert.True(miss.GetProperty("compute_ms").GetDouble() > 0);
        Assert.Equal("hit", hit.GetProperty("cache").GetString());
        Assert.Equal(0, hit.GetProperty("compute_ms").GetDouble());
        Assert.True(hit.GetProperty("total_ms").GetDouble() < miss.GetProperty("total_ms").GetDouble());
        Assert.Equal(miss.GetProperty("key").GetString(), hit.GetProperty("key").GetString());
        Assert.Equal(miss.GetProperty("result").ToString(), hit.GetProperty("result").ToString());
        Assert.Equal(n, miss.GetProperty("result").GetProperty("rows").GetInt64());
        Assert.Equal(10_000, miss.GetProperty("result").GetProperty("groups").GetInt64());

        var removed = await Requests.DeleteAsync(Url($"/samples/cache/duckdb:{n}"));
        Assert.Equal(204, removed.Status);
        var again = (await Curl.GetAsync(Url($"{path}?n={n}"))).Json();
        Assert.Equal("miss", again.GetProperty("cache").GetString());
        Assert.Equal(miss.GetProperty("key").GetString(), again.GetProperty("key").GetString());
        Assert.Equal(miss.GetProperty("result").GetProperty("checksum").GetInt64(), again.GetProperty("result").GetProperty("checksum").GetInt64());
    }

    [Fact]
    public async Task Keys_depend_on_n_only()
    {
        var a = (await Curl.GetAsync(Url("/samples/duckdb-cached?n=1000"))).Json();
        var b = (await Curl.GetAsync(Url("/samples/duckdb-cached?n=1001"))).Json();
        var a2 = (await Curl.GetAsync(Url("/samples/duckdb-cached?n=1000"))).Json();
        Assert.NotEqual(a.GetProperty("key").GetString(), b.GetProperty("key").GetString());
        Assert.Equal(a.GetProperty("key").GetString(), a2.GetProperty("key").GetString());
        Assert.StartsWith("duckdb_cached:", a.GetProperty("key").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_shared_tag_invalidates_both_demos()
    {
        await Curl.GetAsync(Url("/samples/duckdb-cached?n=3003"));
        await Curl.GetAsync(Url("/samples/duckdb-cached-decorator?n=3003"));
        Assert.Equal(204, (await Requests.DeleteAsync(Url("/samples/cache/duckdb"))).Status);
        Assert.Equal("miss", (await Curl.GetAsync(Url("/samples/duckdb-cached?n=3003"))).Json().GetProperty("cache").GetString());
        Assert.Equal("miss", (await Curl.GetAsync(Url("/samples/duckdb-cached-decorator?n=3003"))).Json().GetProperty("cache").GetString());
    }

    [Theory]
    [InlineData("/samples/duckdb-cached?n=0")]
    [InlineData("/samples/duckdb-cached-decorator?n=abc")]
    [InlineData("/samples/duckdb-cached?n=100000001")]
    public async Task Bad_n_gets_invalid_data(string path)
    {
        Requests.AssertProblem(await Curl.GetAsync(Url(path)), 400, "invalid_data");
    }
}
