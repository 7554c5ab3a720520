using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HighPerf.Sample.Tests.Api;

/// <summary>Data sets and records for the API tests, and the calls that create and fill them.</summary>
internal static class ApiTestData
{
    private static int s_counter;

    /// <summary>A data set name no other test uses.</summary>
    internal static string UniqueName(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Interlocked.Increment(ref s_counter)}_{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>A definition with a column of every type and an int64 primary key, unique on <c>code</c>.</summary>
    internal static string ItemsDefinition(string name, bool primaryKey = true) => $$"""
        {"name":"{{name}}","columns":[
          {"name":"id","type":"int64","nullable":false},
          {"name":"code","type":"string","nullable":false},
          {"name":"region","type":"string"},
          {"name":"qty","type":"int32"},
          {"name":"price","type":"decimal(12,2)"},
          {"name":"score","type":"float64"},
          {"name":"active","type":"bool"},
          {"name":"day","type":"date"},
          {"name":"at","type":"timestamp"},
          {"name":"props","type":"json"}],
         {{(primaryKey ? "\"primary_key\":\"id\"," : "")}}"unique":["code"]}
        """;

    /// <summary>Record <paramref name="id"/>: region cycles eu/us/apac, qty = id % 10, price = id.25, every 5th record has null region.</summary>
    internal static void AppendItem(StringBuilder json, long id)
    {
        var region = id % 5 == 0 ? "null" : "\"" + Region(id) + "\"";
        json.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id},\"code\":\"c-{id}\",\"region\":{region},\"qty\":{id % 10},\"price\":{id}.25,\"score\":{id * 0.5}")
            .Append(CultureInfo.InvariantCulture, $",\"active\":{(id % 2 == 0 ? "true" : "false")},\"day\":\"2026-02-{1 + (id % 28):00}\",\"at\":\"2026-01-01T00:00:{id % 60:00}Z\"")
            .Append(CultureInfo.InvariantCulture, $",\"props\":{{\"k\":[{id}]}}}}");
    }

    internal static string Region(long id) => (id % 3) switch { 0 => "eu", 1 => "us", _ => "apac" };

    /// <summary>A JSON array of records <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    internal static byte[] ItemsJson(int count, long first = 1)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            AppendItem(json, first + i);
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }

    internal static async Task<string> CreateItemsAsync(Uri baseAddress, string prefix, int rows, bool primaryKey = true)
    {
        var name = UniqueName(prefix);
        var created = await Requests.PostJsonAsync(new Uri(baseAddress, "/api/v1/schemas"), ItemsDefinition(name, primaryKey));
        Assert.Equal(201, created.Status);
        if (rows > 0)
        {
            var inserted = await ApiRequests.PostBytesAsync(new Uri(baseAddress, $"/api/v1/high-performance/ultra-fast-bulk/{name}"), ItemsJson(rows), "application/json");
            Assert.Equal(201, inserted.Status);
            Assert.Equal(rows, inserted.Json().GetProperty("inserted").GetInt64());
        }

        return name;
    }

    internal static async Task<long> RowCountAsync(Uri baseAddress, string name)
    {
        var described = await Curl.GetAsync(new Uri(baseAddress, $"/api/v1/schemas/{name}"));
        Assert.Equal(200, described.Status);
        return described.Json().GetProperty("row_count").GetInt64();
    }

    /// <summary>Checks the block every high-performance response carries.</summary>
    internal static void AssertMetrics(JsonElement body, string? method = null)
    {
        var metrics = body.GetProperty("performance_metrics");
        Assert.True(metrics.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.True(metrics.GetProperty("throughput_rps").GetDouble() >= 0);
        Assert.False(string.IsNullOrEmpty(metrics.GetProperty("method").GetString()));
        Assert.True(metrics.GetProperty("memory_usage_mb").GetDouble() > 0);
        if (method is not null)
        {
            Assert.Equal(method, metrics.GetProperty("method").GetString());
        }
    }
}
