using System.Text.Json;

namespace HighPerf.Sample.Tests;

public sealed class PgCompareEndpointTests(PostgresSampleHost host) : IClassFixture<PostgresSampleHost>
{
    private static readonly string[] Types = ["add_to_cart", "checkout", "page_view", "purchase", "signup"];

    [Theory]
    [InlineData(20_000)]
    [InlineData(7_003)]
    public async Task Both_stores_answer_the_same_query_with_the_same_rows(int rows)
    {
        var response = await Curl.GetAsync(new Uri(host.BaseAddress, $"/samples/pg/duckdb-compare?rows={rows}"));
        Assert.True(response.Status == 200, $"{response.Status}\n{host.Output}");
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Equal(rows, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("results_equal").GetBoolean());
        Assert.Equal(rows, root.GetProperty("duckdb").GetProperty("registered_rows").GetInt64());
        Assert.True(root.GetProperty("duckdb").GetProperty("transfer_ms").GetDouble() > 0);

        var expected = Expected(rows);
        foreach (var side in new[] { "postgres", "duckdb" })
        {
            var result = root.GetProperty(side);
            Assert.True(result.GetProperty("duration_ms").GetDouble() > 0, side);
            Assert.Equal(3, result.GetProperty("runs_ms").GetArrayLength());
            var groups = result.GetProperty("results");
            Assert.Equal(5, groups.GetArrayLength());
            for (var i = 0; i < 5; i++)
            {
                var group = groups[i];
                Assert.Equal(Types[i], group.GetProperty("event_type").GetString());
                Assert.Equal(expected[Types[i]].Events, group.GetProperty("events").GetInt64());
                Assert.Equal(expected[Types[i]].Users, group.GetProperty("users").GetInt64());
                if (Types[i] == "purchase")
                {
                    Assert.Equal(expected["purchase"].Total, group.GetProperty("total_amount").GetDecimal());
                    Assert.Equal((double)(expected["purchase"].Total / expected["purchase"].Events), group.GetProperty("avg_amount").GetDouble(), 9);
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, group.GetProperty("total_amount").ValueKind);
                    Assert.Equal(JsonValueKind.Null, group.GetProperty("avg_amount").ValueKind);
                }
            }
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    [InlineData("x")]
    public async Task Bad_row_counts_are_invalid_data(string rows)
    {
        var response = await Curl.GetAsync(new Uri(host.BaseAddress, $"/samples/pg/duckdb-compare?rows={rows}"));
        Assert.Equal(400, response.Status);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("invalid_data", json.RootElement.GetProperty("error_code").GetString());
    }

    /// <summary>The generated table's groups, computed here from its definition: type by id % 10, amounts on purchases.</summary>
    private static Dictionary<string, (long Events, long Users, decimal Total)> Expected(int rows)
    {
        string[] byDigit = ["page_view", "page_view", "page_view", "page_view", "add_to_cart", "add_to_cart", "signup", "checkout", "checkout", "purchase"];
        var events = new Dictionary<string, long>();
        var users = new Dictionary<string, HashSet<long>>();
        decimal total = 0;
        for (long g = 1; g <= rows; g++)
        {
            var type = byDigit[(int)(g * 31 % 10)];
            events[type] = events.GetValueOrDefault(type) + 1;
            (users.TryGetValue(type, out var set) ? set : users[type] = []).Add(1 + (g * 7919 % 997));
            if (type == "purchase")
            {
                total += g * 104729 % 50000 / 100m;
            }
        }

        var expected = new Dictionary<string, (long, long, decimal)>();
        foreach (var type in Types)
        {
            expected[type] = (events[type], users[type].Count, type == "purchase" ? total : 0);
        }

        return expected;
    }
}

public sealed class PgCompareWithoutPostgresTests(SampleHost host) : IClassFixture<SampleHost>
{
    [Fact]
    public async Task Without_postgres_the_answer_is_503_database_with_retry_after()
    {
        var response = await Curl.GetAsync(new Uri(host.BaseAddress, "/samples/pg/duckdb-compare"));
        Assert.Equal(503, response.Status);
        Assert.Equal("30", response.Header("Retry-After"));
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("database", json.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(503, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("not configured", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
