using System.Text;
using HighPerf.Data.Arrow;

namespace HighPerf.Sample.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class BulkEndpointTests(ApiHost host)
{
    private Uri Url(string path) => new(host.BaseAddress, path);

    private Uri Bulk(string name) => Url($"/api/v1/high-performance/ultra-fast-bulk/{name}");

    [Fact]
    public async Task A_large_json_array_is_stored_whole_with_its_rate_and_metrics()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_json", 0);
        const int Rows = 50_000;

        var response = await ApiRequests.PostBytesAsync(Bulk(name), ApiTestData.ItemsJson(Rows), "application/json");

        Assert.Equal(201, response.Status);
        var body = response.Json();
        Assert.Equal(Rows, body.GetProperty("inserted").GetInt64());
        Assert.True(body.GetProperty("duration_ms").GetDouble() > 0);
        Assert.True(body.GetProperty("rows_per_second").GetDouble() > 0);
        ApiTestData.AssertMetrics(body, "json_stream_to_arrow_insert");
        Assert.Equal(Rows, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    [Fact]
    public async Task A_zstd_compressed_body_is_decompressed_as_it_is_parsed()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_zstd", 0);
        var response = await BodyLimitTests.PostZstdAsync(Bulk(name), HighPerf.Compression.Zstd.Compress(ApiTestData.ItemsJson(20_000)));

        Assert.Equal(201, response.Status);
        Assert.Equal(20_000, response.Json().GetProperty("inserted").GetInt64());
        Assert.Equal(20_000, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    [Fact]
    public async Task An_arrow_ipc_stream_written_by_our_writer_is_stored()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_arrow", 0);
        var body = ArrowBody(first: 1, count: 3000, batchRows: 1000);

        var response = await ApiRequests.PostBytesAsync(Bulk(name), body, "application/vnd.apache.arrow.stream");

        Assert.Equal(201, response.Status);
        Assert.Equal(3000, response.Json().GetProperty("inserted").GetInt64());
        ApiTestData.AssertMetrics(response.Json(), "arrow_ipc_scan_insert");
        Assert.Equal(3000, await ApiTestData.RowCountAsync(host.BaseAddress, name));

        // The values arrived as written: row 7 read back through the query endpoint.
        var row = (await Curl.GetAsync(Url($"/api/v1/high-performance/query-optimized/{name}?filters={Uri.EscapeDataString("""{"id":7}""")}"), "--globoff")).Json().GetProperty("rows")[0];
        Assert.Equal("c-7", row.GetProperty("code").GetString());
        Assert.Equal(7, row.GetProperty("qty").GetInt32());
        Assert.Equal(7.25m, row.GetProperty("price").GetDecimal());
    }

    [Theory]
    [InlineData("""{"id":"7","code":"bad"}""", "id")]
    [InlineData("""{"id":9000000,"code":"bad","qty":3000000000}""", "qty")]
    [InlineData("""{"id":9000000,"code":"bad","price":1.234}""", "price")]
    [InlineData("""{"id":9000000,"code":"bad","day":"2026-02-30"}""", "day")]
    [InlineData("""{"id":9000000}""", "code")]
    [InlineData("""{"id":9000000,"code":"bad","nope":1}""", null)]
    public async Task A_bad_row_names_its_index_and_nothing_is_stored(string bad, string? column)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_bad", 10);
        var json = Encoding.UTF8.GetString(ApiTestData.ItemsJson(2000, first: 100));
        json = json.Insert(json.Length - 1, "," + bad);

        var response = await ApiRequests.PostBytesAsync(Bulk(name), Encoding.UTF8.GetBytes(json), "application/json");

        Requests.AssertProblem(response, 400, "invalid_data");
        var problem = response.Json();
        Assert.Equal(2000, problem.GetProperty("row_index").GetInt64());
        Assert.Contains("2000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (column is not null)
        {
            Assert.Equal(column, problem.GetProperty("column").GetString());
        }

        Assert.Equal(10, await ApiTestData.RowCountAsync(host.BaseAddress, name));
        Assert.Equal(200, (await Curl.GetAsync(Url("/health"))).Status);
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(5)]
    public async Task A_duplicate_key_is_409_and_nothing_is_stored(int duplicateOf)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_dup", 10);
        var json = Encoding.UTF8.GetString(ApiTestData.ItemsJson(2000, first: 1000));
        var repeat = new StringBuilder();
        ApiTestData.AppendItem(repeat, duplicateOf);
        json = json.Insert(json.Length - 1, "," + repeat);

        var response = await ApiRequests.PostBytesAsync(Bulk(name), Encoding.UTF8.GetBytes(json), "application/json");

        Requests.AssertProblem(response, 409, "duplicate_record");
        Assert.Equal(2000, response.Json().GetProperty("row_index").GetInt64());
        Assert.Equal(10, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    [Fact]
    public async Task A_duplicate_inside_an_arrow_body_is_409_and_nothing_is_stored()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_arrow_dup", 0);
        var first = ArrowBody(first: 1, count: 500, batchRows: 500);
        Assert.Equal(201, (await ApiRequests.PostBytesAsync(Bulk(name), first, "application/vnd.apache.arrow.stream")).Status);

        var overlapping = ArrowBody(first: 400, count: 500, batchRows: 250);
        Requests.AssertProblem(await ApiRequests.PostBytesAsync(Bulk(name), overlapping, "application/vnd.apache.arrow.stream"), 409, "duplicate_record");
        Assert.Equal(500, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    [Theory]
    [InlineData("""{"id":1,"code":"a"}""")]
    [InlineData("""[{"id":1,"code":"a"},""")]
    [InlineData("""[{"id":1,"code":"a"} x]""")]
    public async Task A_body_that_is_not_a_whole_array_is_invalid_data(string body)
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_shape", 0);
        Requests.AssertProblem(await ApiRequests.PostBytesAsync(Bulk(name), Encoding.UTF8.GetBytes(body), "application/json"), 400, "invalid_data");
        Assert.Equal(0, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    [Fact]
    public async Task Bytes_that_are_not_an_arrow_stream_are_invalid_data()
    {
        var name = await ApiTestData.CreateItemsAsync(host.BaseAddress, "bulk_not_arrow", 0);
        Requests.AssertProblem(await ApiRequests.PostBytesAsync(Bulk(name), ApiTestData.ItemsJson(3), "application/vnd.apache.arrow.stream"), 400, "invalid_data");
        Assert.Equal(0, await ApiTestData.RowCountAsync(host.BaseAddress, name));
    }

    /// <summary>Records like <see cref="ApiTestData.ItemsJson"/>'s (no json or timestamp columns: they are nullable), as an Arrow IPC stream.</summary>
    internal static byte[] ArrowBody(long first, int count, int batchRows)
    {
        var schema = new Schema([
            new Field("id", ArrowType.Int64, nullable: false),
            new Field("code", ArrowType.Utf8, nullable: false),
            new Field("region", ArrowType.Utf8),
            new Field("qty", ArrowType.Int32),
            new Field("price", ArrowType.Decimal128(12, 2)),
            new Field("active", ArrowType.Boolean),
            new Field("day", ArrowType.Date32),
        ]);
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, schema, leaveOpen: true))
        {
            for (var start = 0; start < count; start += batchRows)
            {
                var rows = Math.Min(batchRows, count - start);
                using var ids = new Int64ArrayBuilder();
                using var codes = new StringArrayBuilder();
                using var regions = new StringArrayBuilder();
                using var qty = new Int32ArrayBuilder();
                using var prices = new Decimal128ArrayBuilder(12, 2);
                using var active = new BooleanArrayBuilder();
                using var days = new Date32ArrayBuilder();
                for (var i = 0; i < rows; i++)
                {
                    var id = first + start + i;
                    ids.Append(id);
                    codes.Append($"c-{id}");
                    regions.Append(id % 5 == 0 ? null : ApiTestData.Region(id));
                    qty.Append((int)(id % 10));
                    prices.Append(id + 0.25m);
                    active.Append(id % 2 == 0);
                    days.Append(new DateOnly(2026, 2, 1 + (int)(id % 28)));
                }

                using var batch = new RecordBatch(schema, [ids.Build(), codes.Build(), regions.Build(), qty.Build(), prices.Build(), active.Build(), days.Build()], rows);
                writer.Write(batch);
            }

            writer.Complete();
        }

        return output.ToArray();
    }
}
