using HighPerf.Data.Arrow;
using Npgsql;

namespace HighPerf.Data.Tests.Postgres;

[Collection(PostgresFixture.CollectionName)]
public sealed class BulkInsertTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(EventBatches.Ddl);
    }

    [Fact]
    public async Task A_million_events_from_Arrow_arrive_whole()
    {
        const int rows = 1_000_000;
        var batches = EventBatches.Create(1, rows, 65_536).ToList();
        try
        {
            var inserted = await Client.BulkInsertAsync("events", EventBatches.Columns, batches);
            Assert.Equal(rows, inserted);
        }
        finally
        {
            DisposeAll(batches);
        }

        Assert.Equal(EventBatches.Checksum(1, rows), await ChecksumAsync());
    }

    [Fact]
    public async Task Batches_from_an_async_stream_are_inserted_with_the_field_names_as_columns()
    {
        var inserted = await Client.BulkInsertAsync("events", null, Stream(EventBatches.Create(1, 10_000, 1_000)));
        Assert.Equal(10_000, inserted);
        Assert.Equal(EventBatches.Checksum(1, 10_000), await ChecksumAsync());
    }

    [Fact]
    public async Task A_duplicate_key_stores_nothing_and_names_the_row_and_the_constraint()
    {
        await SeedAsync(100);
        var batches = EventBatches.Create(1_000, 5_000, 1_000, duplicateAt: 3_537, duplicateOf: 3).ToList();
        try
        {
            var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertAsync("events", EventBatches.Columns, batches));
            Assert.Equal(PostgresArrowErrorKind.UniqueViolation, ex.Kind);
            Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
            Assert.Equal("events_pkey", ex.ConstraintName);
            Assert.Equal(3_537, ex.RowIndex);
            Assert.IsType<PostgresException>(ex.InnerException);
        }
        finally
        {
            DisposeAll(batches);
        }

        Assert.Equal(EventBatches.Checksum(1, 100), await ChecksumAsync());
    }

    [Fact]
    public async Task A_duplicate_of_a_stored_row_names_the_row_of_the_batch()
    {
        await SeedAsync(100);
        var batches = EventBatches.Create(101, 500, 128, duplicateAt: 250, duplicateOf: -60).ToList();
        try
        {
            var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertAsync("events", EventBatches.Columns, batches));
            Assert.Equal(PostgresArrowErrorKind.UniqueViolation, ex.Kind);
            Assert.Equal(250, ex.RowIndex);
        }
        finally
        {
            DisposeAll(batches);
        }

        Assert.Equal(100, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task A_null_in_a_not_null_column_stores_nothing_and_names_the_row()
    {
        await SeedAsync(10);
        var batches = EventBatches.Create(11, 3_000, 1_000, nullUserAt: 2_421).ToList();
        try
        {
            var ex = await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertAsync("events", EventBatches.Columns, batches));
            Assert.Equal(PostgresArrowErrorKind.InvalidValue, ex.Kind);
            Assert.Equal(PostgresErrorCodes.NotNullViolation, ex.SqlState);
            Assert.Equal(2_421, ex.RowIndex);
            Assert.Equal("user_id", ex.ColumnName);
            Assert.Contains("row 2421", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            DisposeAll(batches);
        }

        Assert.Equal(10, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task The_connection_is_usable_after_a_refused_insert()
    {
        var bad = EventBatches.Create(1, 10, 10, nullUserAt: 5).ToList();
        await Assert.ThrowsAsync<PostgresArrowException>(() => Client.BulkInsertAsync("events", EventBatches.Columns, bad));
        DisposeAll(bad);

        for (var i = 0; i < 3; i++)
        {
            var good = EventBatches.Create(1 + (i * 10), 10, 10).ToList();
            Assert.Equal(10, await Client.BulkInsertAsync("events", EventBatches.Columns, good));
            DisposeAll(good);
        }

        Assert.Equal(30, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    private async Task SeedAsync(int rows)
    {
        var batches = EventBatches.Create(1, rows, rows).ToList();
        await Client.BulkInsertAsync("events", EventBatches.Columns, batches);
        DisposeAll(batches);
    }

    private async Task<(long, long, long, long, double, long, long, long)> ChecksumAsync()
    {
        await using var command = DataSource.CreateCommand(EventBatches.ChecksumSql);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetDouble(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
    }

    private static async IAsyncEnumerable<RecordBatch> Stream(IEnumerable<RecordBatch> batches)
    {
        foreach (var batch in batches)
        {
            await Task.Yield();
            yield return batch;
        }
    }
}
