using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Data.Tests.DataSets;

public sealed class DataSetRegistryTests
{
    [Fact]
    public async Task Created_data_sets_are_described_counted_and_survive_a_restart()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        var inserted = await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(2500)));
        Assert.Equal(2500, inserted.Inserted);

        store.Reopen();
        var description = await store.Registry.DescribeAsync("events");
        Assert.Equal(2500, description.RowCount);
        Assert.Equal(10, description.Definition.Columns.Count);
        Assert.Equal("decimal(12,2)", description.Definition.Columns[3].Type.ToString());
        Assert.Equal(["id"], description.Definition.PrimaryKey);
        await Assert.ThrowsAsync<DataSetDuplicateRecordException>(() => store.Registry.CreateAsync(DataSetTestStore.Events()));
    }

    [Fact]
    public async Task Every_value_arrives_as_parsed()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(
            "[{\"id\":3,\"user_id\":9,\"event_type\":\"a\\\"b\\u00e9\",\"amount\":-12.5,\"properties\":{\"a\": [1, {\"b\":null}]},"
            + "\"created_at\":\"2026-03-04T05:06:07.123456+02:00\",\"day\":\"2024-02-29\",\"score\":1e3,\"ok\":true,\"n\":-7},"
            + "{\"id\":4,\"user_id\":1,\"event_type\":\"\"}]"));

        using var connection = store.Database.OpenConnection();
        var row = connection.QueryRows(
            "SELECT event_type, CAST(amount AS VARCHAR), CAST(properties AS VARCHAR), CAST(created_at AS VARCHAR), CAST(day AS VARCHAR), score, ok, n FROM events WHERE id = 3",
            static r => (r.Get<string>(0), r.Get<string>(1), r.Get<string>(2), r.Get<string>(3), r.Get<string>(4), r.Get<double>(5), r.Get<bool>(6), r.Get<int>(7)))[0];
        Assert.Equal(("a\"bé", "-12.50", "{\"a\": [1, {\"b\":null}]}", "2026-03-04 03:06:07.123456+00", "2024-02-29", 1000.0, true, -7), row);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE id = 4 AND event_type = '' AND amount IS NULL AND properties IS NULL AND ok IS NULL"));
    }

    [Theory]
    [InlineData("{\"id\":1,\"user_id\":1,\"event_type\":\"x\",\"amount\":1.234}", "amount")]
    [InlineData("{\"id\":1,\"user_id\":\"1\",\"event_type\":\"x\"}", "user_id")]
    [InlineData("{\"id\":1,\"event_type\":\"x\"}", "user_id")]
    [InlineData("{\"id\":1,\"user_id\":1,\"event_type\":null}", "event_type")]
    [InlineData("{\"id\":1,\"user_id\":1,\"event_type\":\"x\",\"day\":\"2026-02-30\"}", "day")]
    [InlineData("{\"id\":1,\"user_id\":1,\"event_type\":\"x\",\"n\":3000000000}", "n")]
    [InlineData("{\"id\":1,\"user_id\":1,\"event_type\":\"x\",\"amount\":12345678901.5}", "amount")]
    public async Task A_batch_with_one_bad_row_stores_nothing_and_names_the_row_and_column(string bad, string column)
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        var good = DataSetTestStore.EventsJson(3000, first: 10);
        var json = good.Insert(good.Length - 1, "," + bad);

        var error = await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(json)));
        Assert.Equal(3000, error.RowIndex);
        Assert.Equal(column, error.Column);
        Assert.Contains("Record 3000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.Registry.CountAsync("events"));
    }

    [Fact]
    public async Task Unknown_fields_and_malformed_bodies_are_invalid_data()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        var unknown = await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body("[{\"id\":1,\"nope\":2}]")));
        Assert.Equal(0, unknown.RowIndex);
        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body("[{\"id\":1,")));
        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body("{\"id\":1}")));
        Assert.Equal(0, await store.Registry.CountAsync("events"));
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(20)]
    public async Task A_duplicate_stores_nothing_and_names_the_row(int duplicateOf)
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(100, first: 1)));

        // Rows 0..2499 carry ids 1000..3499; row 2500 repeats either a row of the same batch (1500) or a stored one (20).
        var json = DataSetTestStore.EventsJson(2500, first: 1000);
        json = json.Insert(json.Length - 1, "," + DataSetTestStore.EventsJson(1, first: duplicateOf)[1..^1]);
        var error = await Assert.ThrowsAsync<DataSetDuplicateRecordException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(json)));
        Assert.Equal(2500, error.RowIndex);
        Assert.Equal(100, await store.Registry.CountAsync("events"));
    }

    [Theory]
    [InlineData("users\"; drop table events; --")]
    [InlineData("еvents")]
    [InlineData("ｅvents")]
    [InlineData("Events")]
    [InlineData("select")]
    [InlineData("1abc")]
    [InlineData("highperf_datasets")]
    [InlineData("a_very_long_name_that_goes_on_and_on_and_on_past_sixty_three_chars")]
    public async Task Identifier_injection_is_rejected(string name)
    {
        using var store = new DataSetTestStore();
        Assert.False(DataSetIdentifiers.IsValid(name));
        await Assert.ThrowsAsync<DataSetSchemaValidationException>(() => store.Registry.CreateAsync(new DataSetDefinition(name, [new DataSetColumn("a", DataSetColumnType.Int32)])));
        await Assert.ThrowsAsync<DataSetSchemaValidationException>(() => store.Registry.CreateAsync(new DataSetDefinition("t", [new DataSetColumn(name, DataSetColumnType.Int32)])));
        await Assert.ThrowsAsync<DataSetNotFoundException>(() => store.Registry.DescribeAsync(name));
        var filterError = await Assert.ThrowsAsync<DataSetInvalidDataException>(async () =>
        {
            await store.Registry.CreateAsync(new DataSetDefinition("t2", [new DataSetColumn("a", DataSetColumnType.Int32)]));
            using var _ = await store.Registry.QueryAsync("t2", "{\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\": 1}");
        });
        Assert.DoesNotContain("drop", filterError.Message, StringComparison.Ordinal);
        Assert.True(DataSetIdentifiers.IsValid("a_name_of_sixty_three_characters_is_allowed_by_the_pattern_xxxx"[..63]));
    }

    [Fact]
    public async Task Filters_are_bound_and_combined()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(300)));

        using (var equal = await store.Registry.QueryAsync("events", "{\"event_type\":\"purchase\",\"user_id\":{\"in\":[1,2]}}", limit: 1000))
        {
            // ids divisible by 3 with id % 7 in {0, 1}
            var expected = 0;
            for (var id = 1; id <= 300; id++)
            {
                expected += id % 3 == 0 && id % 7 is 0 or 1 && id % 3 == 0 ? 1 : 0;
            }

            Assert.Equal(expected, equal.RowCount);
        }

        using var range = await store.Registry.QueryAsync("events", "{\"id\":{\"gte\":10,\"lt\":20},\"amount\":{\"gt\":0}}", limit: 5, summarize: true);
        Assert.Equal(3, range.RowCount);
        var ids = range.Batches[0].Column<Int64Array>(0);
        Assert.Equal([12L, 15L, 18L], [ids.GetValue(0), ids.GetValue(1), ids.GetValue(2)]);
        Assert.Equal(3, range.Summary!.RowCount);
        Assert.Equal("12", range.Summary.Columns[0].Min);
        Assert.Equal(15.25, range.Summary.Columns[3].Mean);

        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.QueryAsync("events", "{\"id\":\"x\"}"));
        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.QueryAsync("events", "{\"id\":{\"like\":1}}"));
        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.QueryAsync("events", "{\"id\":"));
    }

    [Fact]
    public async Task Arrow_ipc_bodies_insert_with_the_same_rules()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(new DataSetDefinition("t", [new("id", DataSetColumnType.Int64, false), new("name", DataSetColumnType.String)], PrimaryKey: ["id"]));
        var body = ArrowBody([1, 2, 3], ["a", null, "c"]);
        Assert.Equal(3, (await store.Registry.InsertArrowAsync("t", body)).Inserted);

        var duplicate = await Assert.ThrowsAsync<DataSetDuplicateRecordException>(() => store.Registry.InsertArrowAsync("t", ArrowBody([7, 8, 2], ["x", "y", "z"])));
        Assert.Equal(2, duplicate.RowIndex);
        Assert.Equal(3, await store.Registry.CountAsync("t"));
    }

    [Fact]
    public async Task Parquet_exports_stay_in_the_export_folder()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(1000)));
        foreach (var codec in new[] { "zstd", "snappy", "gzip", "none" })
        {
            var export = await store.Registry.ExportParquetAsync("events", DataSetRegistry.ParseCompression(codec));
            Assert.Equal(1000, export.Rows);
            Assert.True(export.Bytes > 0);
            Assert.Equal(export.FullPath, store.Registry.ResolveExport(export.FileName));
            using var connection = store.Database.OpenConnection();
            Assert.Equal(1000, connection.ExecuteScalar<long>($"SELECT count(*) FROM read_parquet('{export.FullPath}')"));
        }

        Assert.Throws<DataSetInvalidDataException>(() => store.Registry.ResolveExport("../store.duckdb"));
        Assert.Throws<DataSetInvalidDataException>(() => store.Registry.ResolveExport("/etc/passwd"));
        Assert.Throws<DataSetRecordNotFoundException>(() => store.Registry.ResolveExport("events-20260101T000000000-00000000.parquet"));
        Assert.Throws<DataSetInvalidDataException>(() => DataSetRegistry.ParseCompression("lz4"));
    }

    [Fact]
    public async Task Analyses_are_computed()
    {
        using var store = new DataSetTestStore();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(100)));

        var summary = await store.Registry.SummarizeAsync("events");
        Assert.Equal(100, summary.RowCount);
        Assert.Equal("1", summary.Columns[0].Min);
        Assert.Equal("100", summary.Columns[0].Max);
        Assert.Equal(50.5, summary.Columns[0].Mean);
        Assert.Equal(67, summary.Columns[3].NullCount);

        var profile = await store.Registry.ProfileAsync("events");
        Assert.Equal(100, profile.Columns[0].DistinctCount);
        Assert.Equal(10, profile.Columns[0].Histogram!.Count);
        Assert.Equal(100, profile.Columns[0].Histogram!.Sum(b => b.Count));
        Assert.Equal(new TopValue("page_view", 67), profile.Columns[2].TopValues![0]);

        var quality = await store.Registry.CheckQualityAsync("events");
        Assert.Equal(67, quality.Columns[3].Nulls);
        Assert.Equal(0, quality.Keys[0].DuplicateRows);
        Assert.All(quality.Columns, c => Assert.Equal(0, c.TypeViolations));
    }

    private static MemoryStream ArrowBody(long[] ids, string?[] names)
    {
        var schema = new Schema([new Field("id", ArrowType.Int64, false), new Field("name", ArrowType.Utf8)]);
        using var idBuilder = new Int64ArrayBuilder();
        using var nameBuilder = new StringArrayBuilder();
        foreach (var id in ids)
        {
            idBuilder.Append(id);
        }

        foreach (var name in names)
        {
            nameBuilder.Append(name);
        }

        var stream = new MemoryStream();
        using (var batch = new RecordBatch(schema, [idBuilder.Build(), nameBuilder.Build()], ids.Length))
        using (var writer = new ArrowStreamWriter(stream, schema, leaveOpen: true))
        {
            writer.Write(batch);
            writer.Complete();
        }

        stream.Position = 0;
        return stream;
    }
}
