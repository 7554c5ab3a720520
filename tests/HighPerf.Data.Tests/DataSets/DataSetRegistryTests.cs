using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets;

namespace HighPerf.Data.Tests.DataSets;

/// <summary>The registry's scenarios, run on each store by the subclasses below.</summary>
public abstract class DataSetRegistryTests
{
    protected abstract Task<DataSetTestStore> OpenStoreAsync();

    [Fact]
    public async Task Created_data_sets_are_described_counted_and_survive_a_restart()
    {
        await using var store = await OpenStoreAsync();
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
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(
            "[{\"id\":3,\"user_id\":9,\"event_type\":\"a\\\"b\\u00e9\",\"amount\":-12.5,\"properties\":{\"a\": [1, {\"b\":null}]},"
            + "\"created_at\":\"2026-03-04T05:06:07.123456+02:00\",\"day\":\"2024-02-29\",\"score\":1e3,\"ok\":true,\"n\":-7},"
            + "{\"id\":4,\"user_id\":1,\"event_type\":\"\"}]"));

        using var rows = await store.Registry.QueryAsync("events", "{\"id\":{\"in\":[3,4]}}");
        Assert.Equal(2, rows.RowCount);
        var batch = rows.Batches[0];
        Assert.Equal(2, batch.Length);
        Assert.Equal([3L, 4L], [batch.Column<Int64Array>(0).GetValue(0), batch.Column<Int64Array>(0).GetValue(1)]);
        Assert.Equal(9, batch.Column<Int64Array>(1).GetValue(0));
        Assert.Equal("a\"bé", batch.Column<StringArray>(2).GetValue(0));
        Assert.Equal(-12.50m, batch.Column<Decimal128Array>(3).GetDecimal(0));

        // jsonb keeps PostgreSQL's normalized text, DuckDB's JSON the text as sent.
        Assert.Equal(store.StoreName == "postgres" ? "{\"a\": [1, {\"b\": null}]}" : "{\"a\": [1, {\"b\":null}]}", batch.Column<StringArray>(4).GetValue(0));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 3, 6, 7, TimeSpan.Zero).AddTicks(1234560), batch.Column<TimestampArray>(5).GetDateTimeOffset(0));
        Assert.Equal(new DateOnly(2024, 2, 29), batch.Column<Date32Array>(6).GetDate(0));
        Assert.Equal(1000.0, batch.Column<Float64Array>(7).GetValue(0));
        Assert.True(batch.Column<BooleanArray>(8).GetValue(0));
        Assert.Equal(-7, batch.Column<Int32Array>(9).GetValue(0));

        Assert.Equal("", batch.Column<StringArray>(2).GetValue(1));
        for (var column = 3; column < 10; column++)
        {
            Assert.True(batch.Column(column).IsNull(1), $"column {column}");
        }
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
        await using var store = await OpenStoreAsync();
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
    public async Task A_body_over_the_record_limit_stores_nothing()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        var limited = store.WithOptions(new DataSetOptions { BatchRows = 64, MaxBulkRows = 1000 });
        Assert.Equal(1000, (await limited.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(1000)))).Inserted);

        var error = await Assert.ThrowsAsync<DataSetInvalidDataException>(() => limited.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(1001, first: 5000))));
        Assert.Equal(1000, error.RowIndex);
        Assert.Contains("at most 1000 records", error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, await store.Registry.CountAsync("events"));
    }

    [Fact]
    public async Task Unknown_fields_and_malformed_bodies_are_invalid_data()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        var unknown = await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body("[{\"id\":1,\"nope\":2}]")));
        Assert.Equal(0, unknown.RowIndex);
        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body("[{\"id\":1,")));
        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", DataSetTestStore.Body("{\"id\":1}")));
        Assert.Equal(0, await store.Registry.CountAsync("events"));
    }

    [Fact]
    public async Task A_failed_record_ends_the_read_so_the_callers_reader_can_still_be_used()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes("[{\"id\":1,\"nope\":2}] trailing"));
        await pipe.Writer.CompleteAsync();

        await Assert.ThrowsAsync<DataSetInvalidDataException>(() => store.Registry.InsertJsonAsync("events", pipe.Reader));

        // Left mid-read, the reader would throw "reading is already in progress" here.
        Assert.True(pipe.Reader.TryRead(out var rest));
        Assert.True(rest.Buffer.Length > 0);
        pipe.Reader.AdvanceTo(rest.Buffer.End);
        await pipe.Reader.CompleteAsync();
        Assert.Equal(0, await store.Registry.CountAsync("events"));
    }

    [Fact]
    public async Task Values_larger_than_the_parsers_window_and_split_across_reads_arrive_whole()
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(DataSetTestStore.Events());

        // The parser reads in a 256 KiB window: a 600 KB string and a 600 KB JSON value do not fit it, and the body
        // arrives through a pipe in 1,000-byte writes, so tokens are cut at every read.
        var text = new string('t', 600_000);
        var json = "{\"k\":\"" + new string('j', 600_000) + "\"}";
        var body = "[" + DataSetTestStore.EventsJson(50, first: 1)[1..^1]
            + ",{\"id\":51,\"user_id\":1,\"event_type\":\"" + text + "\",\"properties\":" + json + "},"
            + DataSetTestStore.EventsJson(50, first: 52)[1..^1] + "]";
        var pipe = new System.IO.Pipelines.Pipe();
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var writer = Task.Run(async () =>
        {
            for (var offset = 0; offset < bytes.Length; offset += 1_000)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(1_000, bytes.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });

        var result = await store.Registry.InsertJsonAsync("events", pipe.Reader);
        await writer;
        Assert.Equal(101, result.Inserted);
        using var rows = await store.Registry.QueryAsync("events", "{\"id\":51}");
        Assert.Equal(text, rows.Batches[0].Column<StringArray>(2).GetValue(0));
        Assert.Equal(store.StoreName == "postgres" ? "{\"k\": \"" + new string('j', 600_000) + "\"}" : json, rows.Batches[0].Column<StringArray>(4).GetValue(0));
        Assert.Equal(101, await store.Registry.CountAsync("events"));
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(20)]
    public async Task A_duplicate_stores_nothing_and_names_the_row(int duplicateOf)
    {
        await using var store = await OpenStoreAsync();
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
        await using var store = await OpenStoreAsync();
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
        await using var store = await OpenStoreAsync();
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

    [Theory]
    [InlineData("{\"day\":\"2026-02-13\"}", 30)]
    [InlineData("{\"created_at\":{\"gte\":\"2026-01-05T10:00:00Z\",\"lt\":\"2026-01-06T00:00:00+02:00\"}}", 33)]
    [InlineData("{\"ok\":true}", 150)]
    [InlineData("{\"score\":{\"gt\":100.0}}", 100)]
    [InlineData("{\"n\":{\"in\":[1,2]}}", 6)]
    [InlineData("{\"n\":{\"in\":[]}}", 0)]
    [InlineData("{\"amount\":null}", 200)]
    [InlineData("{\"amount\":{\"gte\":150.25,\"lte\":153.25},\"event_type\":\"purchase\"}", 2)]
    public async Task Filters_of_every_type_are_bound(string filters, int expected)
    {
        await using var store = await OpenStoreAsync();
        await store.Registry.CreateAsync(DataSetTestStore.Events());
        await store.Registry.InsertJsonAsync("events", DataSetTestStore.Body(DataSetTestStore.EventsJson(300)));

        using var rows = await store.Registry.QueryAsync("events", filters, limit: 1000, summarize: true);
        Assert.Equal(expected, rows.RowCount);
        Assert.Equal(expected, rows.Summary!.RowCount);
    }

    [Fact]
    public async Task Arrow_ipc_bodies_insert_with_the_same_rules()
    {
        await using var store = await OpenStoreAsync();
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
        await using var store = await OpenStoreAsync();
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

            // What DuckDB reads back is what the store holds: the same rows, in key order, value for value.
            Assert.Equal(
                Checksum(await store.Registry.QueryAsync("events", null, limit: 1000)),
                connection.QueryRows(
                    $"SELECT count(*), sum(id * 7 + user_id), sum(CAST(amount * 100 AS BIGINT)), sum(n), count(properties), min(created_at), max(day) FROM read_parquet('{export.FullPath}')",
                    static r => (r.Get<long>(0), r.Get<long>(1), r.Get<long>(2), r.Get<long>(3), r.Get<long>(4), r.Get<DateTimeOffset>(5), r.Get<DateOnly>(6)))[0]);
            Assert.Equal(
                Enumerable.Range(1, 1000).Select(i => (long)i),
                connection.QueryRows($"SELECT id FROM read_parquet('{export.FullPath}')", static r => r.Get<long>(0)));
        }

        Assert.Throws<DataSetInvalidDataException>(() => store.Registry.ResolveExport("../store.duckdb"));
        Assert.Throws<DataSetInvalidDataException>(() => store.Registry.ResolveExport("/etc/passwd"));
        Assert.Throws<DataSetRecordNotFoundException>(() => store.Registry.ResolveExport("events-20260101T000000000-00000000.parquet"));
        Assert.Throws<DataSetInvalidDataException>(() => DataSetRegistry.ParseCompression("lz4"));
    }

    [Fact]
    public async Task Analyses_are_computed()
    {
        await using var store = await OpenStoreAsync();
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

    /// <summary>The aggregates the Parquet check computes, from the registry's own rows.</summary>
    private static (long, long, long, long, long, DateTimeOffset, DateOnly) Checksum(DataSetQueryResult result)
    {
        using (result)
        {
            long count = 0, ids = 0, cents = 0, ns = 0, properties = 0;
            var first = DateTimeOffset.MaxValue;
            var last = DateOnly.MinValue;
            foreach (var batch in result.Batches)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    count++;
                    ids += (batch.Column<Int64Array>(0).GetValue(i) * 7) + batch.Column<Int64Array>(1).GetValue(i);
                    cents += batch.Column(3).IsNull(i) ? 0 : (long)(batch.Column<Decimal128Array>(3).GetDecimal(i) * 100);
                    ns += batch.Column<Int32Array>(9).GetValue(i);
                    properties += batch.Column(4).IsNull(i) ? 0 : 1;
                    first = batch.Column<TimestampArray>(5).GetDateTimeOffset(i) < first ? batch.Column<TimestampArray>(5).GetDateTimeOffset(i) : first;
                    last = batch.Column<Date32Array>(6).GetDate(i) > last ? batch.Column<Date32Array>(6).GetDate(i) : last;
                }
            }

            return (count, ids, cents, ns, properties, first, last);
        }
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
