using HighPerf.Data.Arrow;

namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class StreamEndpointTests(ApiHost host)
{
    private const int Rows = 5000;

    private Task<CurlResponse> StreamAsync(string name, string query) =>
        Curl.GetAsync(new Uri(host.BaseAddress, $"/api/v1/high-performance/stream-arrow-batches/{name}{query}"));

    /// <summary>Every row read back with our IPC reader: (id, code, price) in stream order, and the batch count.</summary>
    private static async Task<(List<(long Id, string Code, decimal? Price)> Rows, int Batches, Schema Schema)> ReadAsync(byte[] body)
    {
        await using var reader = new ArrowStreamReader(new MemoryStream(body));
        var schema = await reader.ReadSchemaAsync();
        var rows = new List<(long, string, decimal?)>();
        var batches = 0;
        await foreach (var batch in reader.ReadAllAsync())
        {
            using (batch)
            {
                batches++;
                var ids = batch.Column<Int64Array>(0);
                var codes = batch.Column<StringArray>(1);
                var prices = batch.Column<Decimal128Array>(4);
                for (var i = 0; i < batch.Length; i++)
                {
                    rows.Add((ids.GetValue(i), codes.GetValue(i)!, prices.GetNullableDecimal(i)));
                }
            }
        }

        return (rows, batches, schema);
    }

    [Fact]
    public async Task Offset_and_keyset_stream_the_same_rows_in_key_order()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "stream_both", Rows);

        var offset = await StreamAsync(name, "?strategy=offset&batch_size=700");
        var keyset = await StreamAsync(name, "?strategy=keyset&batch_size=700");

        foreach (var response in new[] { offset, keyset })
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("application/vnd.apache.arrow.stream", response.Header("Content-Type"));
            Assert.Equal("700", response.Header("X-Batch-Size"));
            Assert.Equal(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("X-Total-Rows"));
        }

        Assert.Equal("offset", offset.Header("X-Strategy"));
        Assert.Equal("keyset", keyset.Header("X-Strategy"));
        var (offsetRows, offsetBatches, schema) = await ReadAsync(offset.Body);
        var (keysetRows, keysetBatches, _) = await ReadAsync(keyset.Body);

        Assert.Equal(["id", "code", "region", "qty", "price", "score", "active", "day", "at", "props"], schema.Fields.Select(f => f.Name));
        Assert.Equal(Rows, offsetRows.Count);
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), offsetRows.Select(r => r.Id));
        Assert.Equal(offsetRows, keysetRows);
        Assert.Equal("c-4321", offsetRows[4320].Code);
        Assert.Equal(4321.25m, offsetRows[4320].Price);

        // Pages of 700 rows, each sent as the batches DuckDB produced (up to 2,048 rows): never fewer than the pages.
        Assert.True(offsetBatches >= (Rows + 699) / 700, $"{offsetBatches} batches");
        Assert.True(keysetBatches >= (Rows + 699) / 700, $"{keysetBatches} batches");
    }

    [Fact]
    public async Task A_client_that_accepts_zstd_gets_the_stream_compressed_and_the_same_rows()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "stream_zstd", 3000);
        var plain = await StreamAsync(name, "?strategy=keyset&batch_size=1000");
        var compressed = await Curl.GetAsync(
            new Uri(host.BaseAddress, $"/api/v1/high-performance/stream-arrow-batches/{name}?strategy=keyset&batch_size=1000"), "-H", "Accept-Encoding: zstd");

        Assert.Equal(200, compressed.Status);
        Assert.Equal("zstd", compressed.Header("Content-Encoding"));
        Assert.True(compressed.Body.Length < plain.Body.Length, $"{compressed.Body.Length} >= {plain.Body.Length}");
        Assert.Equal((await ReadAsync(plain.Body)).Rows, (await ReadAsync(Curl.ZstdDecompress(compressed.Body))).Rows);
    }

    [Fact]
    public async Task An_empty_data_set_is_a_stream_with_its_schema_and_no_rows()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "stream_empty", 0);
        var response = await StreamAsync(name, "?strategy=keyset");

        Assert.Equal(200, response.Status);
        var (rows, _, schema) = await ReadAsync(response.Body);
        Assert.Empty(rows);
        Assert.Equal(10, schema.Fields.Count);
    }

    [Theory]
    [InlineData("?strategy=random")]
    [InlineData("?batch_size=0")]
    [InlineData("?batch_size=-5")]
    [InlineData("?batch_size=lots")]
    [InlineData("?batch_size=1000001")]
    public async Task Bad_parameters_are_invalid_data(string query)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "stream_bad", 3);
        Requests.AssertProblem(await StreamAsync(name, query), 400, "invalid_data");
    }

    [Fact]
    public async Task Keyset_without_a_single_column_key_is_invalid_data_and_offset_still_works()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "stream_nokey", 30, primaryKey: false);

        Requests.AssertProblem(await StreamAsync(name, "?strategy=keyset"), 400, "invalid_data");
        var offset = await StreamAsync(name, "?strategy=offset&batch_size=7");
        Assert.Equal(200, offset.Status);
        Assert.Equal(30, (await ReadAsync(offset.Body)).Rows.Count);
    }
}
