namespace HighPerf.Data.Tests.Postgres;

[Collection(PostgresFixture.CollectionName)]
public sealed class JsonBulkInsertTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(EventBatches.Ddl);
    }

    [Fact]
    public async Task A_JSON_array_is_cast_and_copied_whole()
    {
        const int rows = 100_000;
        using var body = new MemoryStream(EventBatches.Json(1, rows));
        Assert.Equal(rows, await Client.BulkInsertJsonAsync("events", EventBatches.Definition, body));
        Assert.Equal(EventBatches.Checksum(1, rows), await ChecksumAsync());
    }

    [Fact]
    public async Task A_body_that_arrives_in_small_pieces_is_parsed_across_them()
    {
        using var body = new TrickleStream(EventBatches.Json(1, 2_000), 7);
        Assert.Equal(2_000, await Client.BulkInsertJsonAsync("events", EventBatches.Definition, body));
        Assert.Equal(EventBatches.Checksum(1, 2_000), await ChecksumAsync());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_at_row_k_stores_nothing_and_names_row_k()
    {
        using var body = new MemoryStream(EventBatches.Json(1, 30_000, badTypeAt: 20_017));
        var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertJsonAsync("events", EventBatches.Definition, body));
        Assert.Equal(PostgresArrowErrorKind.InvalidValue, ex.Kind);
        Assert.Equal(20_017, ex.RowIndex);
        Assert.Equal("user_id", ex.ColumnName);
        Assert.Contains("20017", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task A_duplicate_key_in_the_body_stores_nothing_and_names_the_record()
    {
        using var body = new MemoryStream(EventBatches.Json(1, 20_000, duplicateAt: 12_345, duplicateOf: 42));
        var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertJsonAsync("events", EventBatches.Definition, body));
        Assert.Equal(PostgresArrowErrorKind.UniqueViolation, ex.Kind);
        Assert.Equal("events_pkey", ex.ConstraintName);
        Assert.Equal(12_345, ex.RowIndex);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task A_truncated_body_stores_nothing()
    {
        var json = EventBatches.Json(1, 1_000);
        using var body = new MemoryStream(json, 0, json.Length - 40);
        var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertJsonAsync("events", EventBatches.Definition, body));
        Assert.Equal(PostgresArrowErrorKind.InvalidValue, ex.Kind);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    private async Task<(long, long, long, long, double, long, long, long)> ChecksumAsync()
    {
        await using var command = DataSource.CreateCommand(EventBatches.ChecksumSql);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetDouble(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
    }

    /// <summary>Hands out at most a few bytes per read, so tokens and records straddle reads.</summary>
    private sealed class TrickleStream(byte[] data, int step) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, step)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, step)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, step), cancellationToken);
    }
}
