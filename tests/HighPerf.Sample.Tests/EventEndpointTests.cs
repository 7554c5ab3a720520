using System.Text;
using System.Text.Json;

namespace HighPerf.Sample.Tests;

public sealed class EventEndpointTests(SampleHost host) : IClassFixture<SampleHost>
{
    private Uri Url(string pathAndQuery) => new(host.BaseAddress, pathAndQuery);

    [Fact]
    public async Task Start_up_seeding_filled_the_store_before_health_said_ready()
    {
        Assert.True(await Requests.StoredEventsAsync(host.BaseAddress) >= 100_000);
    }

    [Fact]
    public async Task Post_returns_201_a_location_and_the_stored_event()
    {
        var response = await Requests.PostJsonAsync(Url("/samples/events"),
            """{"user_id":987654,"event_type":"purchase","amount":19.9,"properties":{"sku":"é-1","tags":[1,2]},"created_at":"2026-03-04T05:06:07.1234567+01:00"}""");

        Assert.Equal(201, response.Status);
        var stored = response.Json();
        var id = stored.GetProperty("id").GetInt64();
        Assert.Equal($"/samples/events/987654/{id}", response.Header("Location"));
        Assert.Equal(987654, stored.GetProperty("user_id").GetInt64());
        Assert.Equal("purchase", stored.GetProperty("event_type").GetString());
        Assert.Equal(19.9m, stored.GetProperty("amount").GetDecimal());
        Assert.Equal("é-1", stored.GetProperty("properties").GetProperty("sku").GetString());
        Assert.Equal("2026-03-04T04:06:07.123456Z", stored.GetProperty("created_at").GetString());

        var again = await Curl.GetAsync(Url(response.Header("Location")!));
        Assert.Equal(200, again.Status);
        Assert.Equal(response.Body, again.Body);

        var later = await Requests.PostJsonAsync(Url("/samples/events"), """{"user_id":987654,"event_type":"signup"}""");
        Assert.True(later.Json().GetProperty("id").GetInt64() > id);
        Assert.Equal(JsonValueKind.Null, later.Json().GetProperty("properties").ValueKind);
        Assert.EndsWith("Z", later.Json().GetProperty("created_at").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"user_id":0,"event_type":"signup"}""")]
    [InlineData("""{"user_id":-3,"event_type":"signup"}""")]
    [InlineData("""{"user_id":"7","event_type":"signup"}""")]
    [InlineData("""{"event_type":"signup"}""")]
    [InlineData("""{"user_id":7}""")]
    [InlineData("""{"user_id":7,"event_type":"refund"}""")]
    [InlineData("""{"user_id":7,"event_type":"purchase","amount":1.234}""")]
    [InlineData("""{"user_id":7,"event_type":"purchase","amount":10000000000}""")]
    [InlineData("""{"user_id":7,"event_type":"signup","properties":[1]}""")]
    [InlineData("""{"user_id":7,"event_type":"signup","created_at":"yesterday"}""")]
    [InlineData("""{"user_id":7,"event_type":"signup" """)]
    [InlineData("""[{"user_id":7,"event_type":"signup"}]""")]
    [InlineData("""{"user_id":7,"event_type":"signup"} {}""")]
    public async Task Invalid_events_get_invalid_data(string body)
    {
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/samples/events"), body), 400, "invalid_data");
    }

    [Fact]
    public async Task Properties_over_16_KiB_are_refused()
    {
        var big = """{"user_id":7,"event_type":"signup","properties":{"p":" """ + new string('x', 16 * 1024) + "\"}}";
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/samples/events"), big), 400, "invalid_data");
    }

    [Fact]
    public async Task Pages_are_newest_first_and_keyset_pages_neither_overlap_nor_skip()
    {
        // User 1 has the most events in the skewed demo data.
        var all = await Curl.GetAsync(Url("/samples/events/1?limit=1000"));
        var everything = all.Json().GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.True(everything.Count > 120, $"user 1 has {everything.Count} events");

        var paged = new List<long>();
        string? after = null;
        do
        {
            var page = (await Curl.GetAsync(Url("/samples/events/1?limit=50" + (after is null ? "" : "&after_id=" + after)))).Json();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.Equal(1, item.GetProperty("user_id").GetInt64());
                paged.Add(item.GetProperty("id").GetInt64());
            }

            var next = page.GetProperty("next_after_id");
            after = next.ValueKind == JsonValueKind.Null ? null : next.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        while (after is not null && paged.Count < everything.Count);

        Assert.Equal(everything.Take(paged.Count), paged);
        Assert.Equal(paged.OrderByDescending(id => id), paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());
    }

    [Fact]
    public async Task The_last_page_has_no_next_after_id()
    {
        var page = (await Curl.GetAsync(Url("/samples/events/424242424242?limit=10"))).Json();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_after_id").ValueKind);
    }

    [Theory]
    [InlineData("/samples/events/1?limit=0")]
    [InlineData("/samples/events/1?limit=1001")]
    [InlineData("/samples/events/1?limit=ten")]
    [InlineData("/samples/events/1?after_id=-1")]
    [InlineData("/samples/events/0")]
    public async Task Bad_page_parameters_get_invalid_data(string path)
    {
        Requests.AssertProblem(await Curl.GetAsync(Url(path)), 400, "invalid_data");
    }

    [Fact]
    public async Task Bulk_stores_every_row_of_a_large_array_as_posted_and_reports_its_rate()
    {
        // Large enough for the loader's batches to go through DuckDB's own insert, in more than one row group.
        const int Rows = 200_000;
        var body = (await Curl.GetAsync(Url($"/samples/large-json?rows={Rows}"))).Body;
        var before = await Requests.StoredEventsAsync(host.BaseAddress);
        var lastId = (await SqlAsync("SELECT coalesce(max(id), 0) FROM events"))[0].GetInt64();

        var response = await Requests.PostFileAsync(Url("/samples/events/bulk"), body);

        Assert.Equal(201, response.Status);
        var result = response.Json();
        Assert.Equal(Rows, result.GetProperty("inserted").GetInt64());
        Assert.True(result.GetProperty("duration_ms").GetDouble() > 0);
        Assert.True(result.GetProperty("rows_per_second").GetDouble() > 0);
        Assert.Equal(before + Rows, await Requests.StoredEventsAsync(host.BaseAddress));

        // Every row as posted, in the array's order (ids are given in it): sums, and a digest of the properties texts.
        using var posted = JsonDocument.Parse(body);
        var events = posted.RootElement.EnumerateArray().ToList();
        var properties = string.Join('|', events.Select(e => e.TryGetProperty("properties", out var p) && p.ValueKind != JsonValueKind.Null ? p.GetRawText() : "~"));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(properties)));
        var stored = await SqlAsync($"""
            SELECT count(*), max(id) - min(id) + 1, sum(user_id), coalesce(sum(amount), 0)::VARCHAR,
                   md5(string_agg(coalesce(properties::VARCHAR, '~'), '|' ORDER BY id)),
                   arg_min(user_id, id), arg_max(user_id, id), arg_min(event_type, id)
            FROM events WHERE id > {lastId}
            """);
        Assert.Equal(Rows, stored[0].GetInt64());
        Assert.Equal(Rows, stored[1].GetInt64());
        Assert.Equal(events.Sum(e => e.GetProperty("user_id").GetInt64()), stored[2].GetInt64());
        Assert.Equal(events.Sum(e => e.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDecimal() : 0m), decimal.Parse(stored[3].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(digest, stored[4].GetString());
        Assert.Equal(events[0].GetProperty("user_id").GetInt64(), stored[5].GetInt64());
        Assert.Equal(events[^1].GetProperty("user_id").GetInt64(), stored[6].GetInt64());
        Assert.Equal(events[0].GetProperty("event_type").GetString(), stored[7].GetString());
    }

    /// <summary>The first row of a query through <c>POST /samples/duckdb</c>.</summary>
    private async Task<JsonElement> SqlAsync(string sql)
    {
        var response = await Requests.PostFileAsync(Url("/samples/duckdb"), JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["sql"] = sql }));
        Assert.Equal(200, response.Status);
        return response.Json().GetProperty("rows")[0];
    }

    [Fact]
    public async Task A_bulk_row_larger_than_the_loaders_read_window_is_stored_whole()
    {
        // The loader parses in a 256 KiB window; a row with a 600 KB unknown field must grow it, not break it.
        var note = new string('n', 600_000);
        var body = "[{\"user_id\":940001,\"event_type\":\"signup\",\"properties\":{\"a\":1}},"
            + "{\"user_id\":940002,\"event_type\":\"purchase\",\"amount\":12.5,\"note\":\"" + note + "\",\"properties\":{\"b\":[1,2]}},"
            + "{\"user_id\":940003,\"event_type\":\"page_view\",\"created_at\":\"2026-03-04T05:06:07.123456Z\"}]";
        var before = await Requests.StoredEventsAsync(host.BaseAddress);

        var response = await Requests.PostFileAsync(Url("/samples/events/bulk"), Encoding.UTF8.GetBytes(body));

        Assert.Equal(201, response.Status);
        Assert.Equal(3, response.Json().GetProperty("inserted").GetInt64());
        Assert.Equal(before + 3, await Requests.StoredEventsAsync(host.BaseAddress));
        var page = (await Curl.GetAsync(Url("/samples/events/940002?limit=1"))).Body;
        var stored = JsonDocument.Parse(page).RootElement.ToString();
        Assert.Contains("\"properties\":{\"b\":[1,2]}", stored.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var last = JsonDocument.Parse((await Curl.GetAsync(Url("/samples/events/940003?limit=1"))).Body).RootElement.ToString();
        Assert.Contains("2026-03-04T05:06:07.123456Z", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zstd_bulk_body_that_decodes_past_30_MB_is_stored()
    {
        // Kestrel's default body limit is 30,000,000 bytes and request decompression enforces the endpoint's limit on the
        // decoded body; the host's own zstd limit (32 MiB by default) is what must apply.
        var json = new StringBuilder("[");
        var rows = 0;
        while (json.Length < 31_000_000)
        {
            json.Append(rows == 0 ? "" : ",").Append("{\"user_id\":").Append(950000 + rows % 7)
                .Append(",\"event_type\":\"page_view\",\"properties\":{\"page\":").Append(rows).Append(",\"source\":\"zstd-bulk-test\"}}");
            rows++;
        }

        var body = Encoding.UTF8.GetBytes(json.Append(']').ToString());
        var before = await Requests.StoredEventsAsync(host.BaseAddress);

        var response = await Requests.PostFileAsync(Url("/samples/events/bulk"), await Curl.ZstdCompressAsync(body), "Content-Encoding: zstd");

        Assert.Equal(201, response.Status);
        Assert.Equal(rows, response.Json().GetProperty("inserted").GetInt64());
        Assert.Equal(before + rows, await Requests.StoredEventsAsync(host.BaseAddress));
    }

    [Theory]
    [InlineData(940011, "2024-02-29T23:59:59Z", "2024-02-29T23:59:59.000000Z")]
    [InlineData(940012, "2026-03-04T05:06:07.1Z", "2026-03-04T05:06:07.100000Z")]
    [InlineData(940013, "2026-03-04T05:06:07.1234567Z", "2026-03-04T05:06:07.123456Z")]
    [InlineData(940014, "2026-03-04T05:06:07+02:00", "2026-03-04T03:06:07.000000Z")]
    [InlineData(940015, "2026-03-04T05:06:07.5-01:30", "2026-03-04T06:36:07.500000Z")]
    public async Task Bulk_created_at_is_stored_as_the_instant_it_names(long userId, string sent, string stored)
    {
        var body = $$"""[{"user_id":{{userId}},"event_type":"signup","created_at":"{{sent}}"}]""";
        Assert.Equal(201, (await Requests.PostJsonAsync(Url("/samples/events/bulk"), body)).Status);
        var page = JsonDocument.Parse((await Curl.GetAsync(Url($"/samples/events/{userId}?limit=1"))).Body).RootElement;
        Assert.Equal(stored, page.GetProperty("items")[0].GetProperty("created_at").GetString());
    }

    [Theory]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-01-01T00:60:00Z")]
    public async Task Bulk_created_at_that_is_no_instant_is_refused(string sent)
    {
        var body = $$"""[{"user_id":940020,"event_type":"signup","created_at":"{{sent}}"}]""";
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/samples/events/bulk"), body), 400, "invalid_data");
    }

    [Theory]
    [InlineData(2, """{"user_id":3,"event_type":"nope"}""")]
    [InlineData(2, """{"user_id":3}""")]
    [InlineData(2, """17""")]
    [InlineData(2, """{"user_id":3,"event_type":"signup","properties":"x"}""")]
    public async Task A_bulk_with_one_bad_row_stores_nothing_and_names_the_row(int badRow, string bad)
    {
        var rows = new StringBuilder("[");
        for (var i = 0; i < 5000; i++)
        {
            rows.Append(i == 0 ? "" : ",").Append(i == badRow ? bad : """{"user_id":3,"event_type":"page_view","properties":{"i":1}}""");
        }

        var before = await Requests.StoredEventsAsync(host.BaseAddress);
        var response = await Requests.PostFileAsync(Url("/samples/events/bulk"), Encoding.UTF8.GetBytes(rows.Append(']').ToString()));

        Requests.AssertProblem(response, 400, "invalid_data");
        Assert.Contains($"Row {badRow}:", response.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Requests.StoredEventsAsync(host.BaseAddress));
    }

    [Theory]
    [InlineData("""{"user_id":3,"event_type":"signup"}""")]
    [InlineData("""[{"user_id":3,"event_type":"signup"},""")]
    [InlineData("""[{"user_id":3,"event_type":"signup"}""")]
    [InlineData("""[{"user_id":3,"event_type":"signup"} x]""")]
    public async Task A_bulk_body_that_is_not_a_whole_array_stores_nothing(string body)
    {
        var before = await Requests.StoredEventsAsync(host.BaseAddress);
        Requests.AssertProblem(await Requests.PostJsonAsync(Url("/samples/events/bulk"), body), 400, "invalid_data");
        Assert.Equal(before, await Requests.StoredEventsAsync(host.BaseAddress));
    }
}
