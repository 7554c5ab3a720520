namespace HighPerf.Sample.Tests;

public sealed class AnalyticsEndpointTests(SampleHost host) : IClassFixture<SampleHost>
{
    private static readonly string[] s_stages = ["page_view", "signup", "add_to_cart", "checkout", "purchase"];

    private Uri Url(string pathAndQuery) => new(host.BaseAddress, pathAndQuery);

    private async Task SeedAsync()
    {
        var seeded = await Requests.PostJsonAsync(Url("/samples/seed?users=300&events=20000"), "");
        Assert.Equal(201, seeded.Status);
        Assert.Equal(20000, seeded.Json().GetProperty("inserted").GetInt64());
    }

    [Fact]
    public async Task Seeding_is_deterministic()
    {
        await SeedAsync();
        var first = await Curl.GetAsync(Url("/samples/analytics/summary?days=30"));
        var firstPage = await Curl.GetAsync(Url("/samples/events/1?limit=20"));
        await SeedAsync();
        Assert.Equal(first.Body, (await Curl.GetAsync(Url("/samples/analytics/summary?days=30"))).Body);
        Assert.Equal(firstPage.Body, (await Curl.GetAsync(Url("/samples/events/1?limit=20"))).Body);
    }

    [Fact]
    public async Task Summary_counts_agree_with_each_other()
    {
        await SeedAsync();
        var summary = (await Curl.GetAsync(Url("/samples/analytics/summary?days=30"))).Json();
        Assert.Equal(20000, summary.GetProperty("total_events").GetInt64());
        var types = summary.GetProperty("event_types");
        long sum = 0;
        foreach (var stage in s_stages)
        {
            var type = types.GetProperty(stage);
            sum += type.GetProperty("count").GetInt64();
            Assert.InRange(type.GetProperty("distinct_users").GetInt64(), 1, 300);
            Assert.Equal(stage == "purchase", type.GetProperty("total_amount").GetDecimal() > 0);
        }

        Assert.Equal(20000, sum);
        Assert.Equal(20000, summary.GetProperty("per_day").EnumerateArray().Sum(d => d.GetProperty("count").GetInt64()));
        Assert.True(summary.GetProperty("per_day").GetArrayLength() is >= 29 and <= 31);

        var week = (await Curl.GetAsync(Url("/samples/analytics/summary?days=7"))).Json();
        Assert.InRange(week.GetProperty("total_events").GetInt64(), 4000, 5000);
        Assert.Equal(week.GetProperty("to").GetString(), summary.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Funnel_stages_come_in_order_and_only_narrow()
    {
        await SeedAsync();
        var funnel = (await Curl.GetAsync(Url("/samples/analytics/conversion-funnel?days=30"))).Json();
        var stages = funnel.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(s_stages, stages.Select(s => s.GetProperty("stage").GetString()));
        var first = stages[0].GetProperty("users").GetInt64();
        Assert.InRange(first, 1, 300);
        Assert.Equal(1.0, stages[0].GetProperty("conversion_from_first").GetDouble());
        for (var i = 1; i < stages.Count; i++)
        {
            var users = stages[i].GetProperty("users").GetInt64();
            var previous = stages[i - 1].GetProperty("users").GetInt64();
            Assert.True(users <= previous);
            Assert.Equal(Math.Round((double)users / previous, 6), stages[i].GetProperty("conversion_from_previous").GetDouble());
            Assert.Equal(Math.Round((double)users / first, 6), stages[i].GetProperty("conversion_from_first").GetDouble());
        }
    }

    [Theory]
    [InlineData("/samples/analytics/summary?days=0")]
    [InlineData("/samples/analytics/summary?days=x")]
    [InlineData("/samples/analytics/conversion-funnel?days=-1")]
    [InlineData("/samples/seed?events=-5")]
    public async Task Bad_parameters_get_invalid_data(string path)
    {
        var response = path.StartsWith("/samples/seed", StringComparison.Ordinal)
            ? await Requests.PostJsonAsync(Url(path), "")
            : await Curl.GetAsync(Url(path));
        Requests.AssertProblem(response, 400, "invalid_data");
    }
}

public sealed class BenchmarkEndpointTests(SampleHost host) : IClassFixture<SampleHost>
{
    [Fact]
    public async Task Benchmark_times_each_stage_and_counts_every_row()
    {
        var json = (await Curl.GetAsync(new Uri(host.BaseAddress, "/samples/benchmark/50000"))).Json();
        Assert.Equal(50000, json.GetProperty("size").GetInt32());
        Assert.True(json.GetProperty("stages").GetProperty("generate_ms").GetDouble() > 0);
        Assert.True(json.GetProperty("stages").GetProperty("aggregate_ms").GetDouble() >= 0);
        Assert.Equal(50000, json.GetProperty("event_types").EnumerateObject().Sum(t => t.Value.GetProperty("count").GetInt64()));

        // The same generator as the seeded store: purchases are the only events with amounts.
        Assert.Equal(0, json.GetProperty("event_types").GetProperty("signup").GetProperty("total_amount").GetDecimal());
        Assert.True(json.GetProperty("event_types").GetProperty("purchase").GetProperty("total_amount").GetDecimal() > 0);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000001")]
    [InlineData("x")]
    public async Task Bad_sizes_get_invalid_data(string size)
    {
        Requests.AssertProblem(await Curl.GetAsync(new Uri(host.BaseAddress, "/samples/benchmark/" + size)), 400, "invalid_data");
    }
}
