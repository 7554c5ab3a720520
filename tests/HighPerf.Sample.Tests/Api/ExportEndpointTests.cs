using System.Text;
using HighPerf.Data;

namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ExportEndpointTests(ApiHost host)
{
    private const int Rows = 1234;

    private Uri Url(string path) => new(host.BaseAddress, path);

    [Theory]
    [InlineData("zstd", "ZSTD")]
    [InlineData("snappy", "SNAPPY")]
    [InlineData("gzip", "GZIP")]
    [InlineData("none", "UNCOMPRESSED")]
    public async Task Each_codec_writes_a_parquet_file_that_downloads_and_reads_back(string compression, string codec)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "export", Rows);

        var export = await Requests.PostJsonAsync(Url($"/api/v1/high-performance/export-parquet/{name}"), $$"""{"compression":"{{compression}}"}""");

        Assert.Equal(201, export.Status);
        var body = export.Json();
        var path = body.GetProperty("path").GetString()!;
        Assert.StartsWith("/api/v1/high-performance/exports/" + name + "-", path, StringComparison.Ordinal);
        Assert.Equal(path, export.Header("Location"));
        Assert.Equal(Rows, body.GetProperty("rows").GetInt64());
        Assert.Equal(compression, body.GetProperty("compression").GetString());
        Assert.True(body.GetProperty("duration_ms").GetDouble() > 0);
        ApiTestData.AssertMetrics(body, "duckdb_copy_to_parquet");

        var download = await Curl.GetAsync(Url(path));
        Assert.Equal(200, download.Status);
        Assert.Equal("application/vnd.apache.parquet", download.Header("Content-Type"));
        Assert.Equal(body.GetProperty("bytes").GetInt64(), download.Body.Length);
        Assert.Equal("PAR1"u8.ToArray(), download.Body[..4]);
        Assert.Equal("PAR1"u8.ToArray(), download.Body[^4..]);

        var (count, codecs, sum) = ReadBack(download.Body);
        Assert.Equal(Rows, count);
        Assert.Equal([codec], codecs);
        Assert.Equal(Enumerable.Range(1, Rows).Sum(i => (long)i), sum);
    }

    [Fact]
    public async Task Without_a_body_the_codec_is_zstd()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "export_default", 10);
        var export = await ApiRequests.PostEmptyAsync(Url($"/api/v1/high-performance/export-parquet/{name}"));

        Assert.Equal(201, export.Status);
        Assert.Equal("zstd", export.Json().GetProperty("compression").GetString());
        var download = await Curl.GetAsync(Url(export.Json().GetProperty("path").GetString()!));
        Assert.Equal(["ZSTD"], ReadBack(download.Body).Codecs);
    }

    [Theory]
    [InlineData("""{"compression":"lz4"}""")]
    [InlineData("""{"compression":7}""")]
    [InlineData("""not json""")]
    public async Task A_bad_codec_or_body_is_invalid_data(string body)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "export_bad", 1);
        Requests.AssertProblem(await Requests.PostJsonAsync(Url($"/api/v1/high-performance/export-parquet/{name}"), body), 400, "invalid_data");
    }

    [Theory]
    [InlineData("/api/v1/high-performance/exports/..%2F..%2Fhighperf.duckdb")]
    [InlineData("/api/v1/high-performance/exports/..%2Fhighperf.duckdb")]
    [InlineData("/api/v1/high-performance/exports/%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/high-performance/exports/..%5C..%5Chighperf.duckdb")]
    [InlineData("/api/v1/high-performance/exports/highperf.duckdb")]
    [InlineData("/api/v1/high-performance/exports/x-20260101T000000000-0123abcd.parquet")]
    public async Task Only_exports_inside_the_folder_are_served(string path)
    {
        var response = await Curl.GetAsync(Url(path), "--path-as-is");
        Assert.True(response.Status is 400 or 404, $"status {response.Status}");
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(response.Body.AsSpan().IndexOf("DUCK"u8) >= 0);
    }

    [Fact]
    public async Task Dot_segments_are_normalized_away_before_routing()
    {
        var response = await Curl.GetAsync(Url("/api/v1/high-performance/exports/../../../etc/passwd"), "--path-as-is");
        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("root:", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
    }

    /// <summary>The file read back by embedded DuckDB's read_parquet: rows, the codecs of its column chunks, and the sum of ids.</summary>
    private static (long Count, List<string> Codecs, long Sum) ReadBack(byte[] parquet)
    {
        var folder = Directory.CreateTempSubdirectory("highperf-parquet-");
        try
        {
            var file = Path.Combine(folder.FullName, "export.parquet");
            File.WriteAllBytes(file, parquet);
            using var database = DuckDbDatabase.Open(new DuckDbOptions { AllowedDirectories = [folder.FullName] });
            using var connection = database.OpenConnection();
            var literal = "'" + file.Replace("'", "''", StringComparison.Ordinal) + "'";
            var count = connection.ExecuteScalar<long>($"SELECT count(*) FROM read_parquet({literal})");
            var sum = connection.ExecuteScalar<long>($"SELECT CAST(sum(id) AS BIGINT) FROM read_parquet({literal})");
            var codecs = connection.QueryRows($"SELECT DISTINCT compression FROM parquet_metadata({literal}) ORDER BY 1", static row => row.Get<string>(0));
            return (count, codecs, sum);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
