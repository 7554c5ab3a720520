using HighPerf.Data.Tests.DuckDb;

namespace HighPerf.Data.Tests.Postgres;

[Collection(PostgresFixture.CollectionName)]
public sealed class DuckDbBridgeTests(PostgresFixture fixture) : PostgresTestDatabase(fixture)
{
    private const string Aggregate = """
        SELECT event_type, count(*)::bigint AS n, sum(user_id)::bigint AS users, round(sum(amount)::numeric, 2)::text AS total,
               min(created_at) = min(created_at) AS ok, count(flag)::bigint AS flags
        FROM events GROUP BY event_type ORDER BY event_type
        """;

    [Fact]
    public async Task The_same_aggregate_gives_the_same_rows_on_PostgreSQL_and_on_its_rows_in_DuckDB()
    {
        await ExecuteAsync(EventBatches.Ddl);
        var batches = EventBatches.Create(1, 200_000, 50_000).ToList();
        await Client.BulkInsertAsync("events", EventBatches.Columns, batches);
        DisposeAll(batches);

        var expected = await PostgresRowsAsync(Aggregate);
        Assert.Equal(5, expected.Count);

        using var db = TestDb.Open();
        using var connection = db.OpenConnection();
        using var table = await Client.RegisterInDuckDbAsync(connection, "events", "SELECT * FROM events");
        Assert.Equal(200_000, table.RowCount);

        var actual = new List<string>();
        using (var result = connection.Query(Aggregate.Replace("::numeric", "::decimal(38,2)", StringComparison.Ordinal)))
        {
            while (result.ReadChunk())
            {
                for (var i = 0; i < result.Chunk.RowCount; i++)
                {
                    var row = result.Chunk.GetRow(i);
                    actual.Add(string.Join('|', row.Get<string>(0), row.Get<long>(1), row.Get<long>(2), row.Get<string>(3), row.Get<bool>(4), row.Get<long>(5)));
                }
            }
        }

        Assert.Equal(expected, actual);
        Assert.Equal(
            await ScalarAsync<long>("SELECT count(*) FROM events WHERE created_at >= '2024-01-01 12:00:00+00' AND flag"),
            connection.ExecuteScalar<long>("SELECT count(*) FROM events WHERE created_at >= TIMESTAMPTZ '2024-01-01 12:00:00+00' AND flag"));
    }

    private async Task<List<string>> PostgresRowsAsync(string sql)
    {
        var rows = new List<string>();
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetBoolean(4), reader.GetInt64(5)));
        }

        return rows;
    }
}
