using System.Diagnostics;
using HighPerf.Data;
using Npgsql;

namespace HighPerf.Sample.Postgres;

/// <summary>
/// Runs one analytics query (events, distinct users, total and mean amount per event type) on PostgreSQL and, over
/// the same rows read from PostgreSQL as Arrow and registered in DuckDB (<see cref="PostgresArrowClient.RegisterInDuckDbAsync"/>),
/// on DuckDB: the same SQL text on both. The rows are a deterministic generated table in PostgreSQL, rebuilt when
/// a request asks for another size. One comparison runs at a time, so the timings are of the query alone.
/// </summary>
internal sealed class PgDuckDbComparison(IServiceProvider services, DuckDbDatabase duckDb)
{
    internal const string Table = "pg_compare_events";
    internal const int Runs = 3;

    /// <summary>The query, as both stores run it. Ordering is left to the caller (the stores' text collations differ).</summary>
    internal const string Query =
        $"SELECT event_type, count(*) AS events, count(DISTINCT user_id) AS users, sum(amount) AS total_amount, CAST(avg(amount) AS FLOAT8) AS avg_amount FROM {Table} GROUP BY event_type";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The PostgreSQL bridge, or <see langword="null"/> when PostgreSQL is not configured.</summary>
    internal PostgresArrowClient? Client => services.GetService<PostgresArrowClient>();

    /// <exception cref="InvalidOperationException">PostgreSQL is not configured.</exception>
    internal async Task<ComparisonResult> RunAsync(int rows, CancellationToken cancellationToken)
    {
        var client = Client ?? throw new InvalidOperationException("PostgreSQL is not configured.");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await PrepareAsync(client.DataSource, rows, cancellationToken);

            var postgres = new List<ComparisonRow>();
            var postgresTimes = new double[Runs];
            for (var run = 0; run < Runs; run++)
            {
                postgres.Clear();
                var started = Stopwatch.GetTimestamp();
                await using var command = client.DataSource.CreateCommand(Query);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    postgres.Add(new ComparisonRow(
                        reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                        reader.IsDBNull(4) ? null : reader.GetDouble(4)));
                }

                postgresTimes[run] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            using var connection = await duckDb.OpenConnectionAsync(cancellationToken);
            var transferStarted = Stopwatch.GetTimestamp();
            using var registered = await client.RegisterInDuckDbAsync(
                connection, Table, $"SELECT id, user_id, event_type, amount, created_at FROM {Table}", cancellationToken);
            var transferMs = Stopwatch.GetElapsedTime(transferStarted).TotalMilliseconds;

            List<ComparisonRow> duck = [];
            var duckTimes = new double[Runs];
            for (var run = 0; run < Runs; run++)
            {
                var started = Stopwatch.GetTimestamp();
                duck = connection.QueryRows(Query, static r => new ComparisonRow(
                    r.Get<string>(0)!, r.Get<long>(1), r.Get<long>(2), r.Get<decimal?>(3), r.Get<double?>(4)), cancellationToken);
                duckTimes[run] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            postgres.Sort(static (a, b) => string.CompareOrdinal(a.EventType, b.EventType));
            duck.Sort(static (a, b) => string.CompareOrdinal(a.EventType, b.EventType));
            var equal = postgres.Count == duck.Count;
            for (var i = 0; equal && i < postgres.Count; i++)
            {
                equal = postgres[i].Matches(duck[i]);
            }

            return new ComparisonResult(rows, registered.RowCount, postgres, postgresTimes, duck, duckTimes, transferMs, equal);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates the table with <paramref name="rows"/> generated events unless it already has that many.</summary>
    private static async Task PrepareAsync(NpgsqlDataSource dataSource, int rows, CancellationToken cancellationToken)
    {
        await using (var exists = dataSource.CreateCommand($"SELECT to_regclass('{Table}') IS NOT NULL"))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                await using var count = dataSource.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM {Table} LIMIT $1) AS t");
                count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = rows + 1L });
                if (await count.ExecuteScalarAsync(cancellationToken) is long stored && stored == rows)
                {
                    return;
                }
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (id bigint PRIMARY KEY, user_id bigint NOT NULL, event_type text NOT NULL, amount numeric(12,2), created_at timestamptz NOT NULL)",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // A funnel-like mix (page views most, purchases fewest, amounts on purchases only), the same for every size.
        await using (var fill = new NpgsqlCommand(
            $"INSERT INTO {Table} SELECT g, 1 + (g * 7919) % 997, "
            + "(ARRAY['page_view','page_view','page_view','page_view','add_to_cart','add_to_cart','signup','checkout','checkout','purchase'])[1 + (g * 31) % 10], "
            + "CASE WHEN (g * 31) % 10 = 9 THEN ((g * 104729) % 50000) / 100.0 END, "
            + "timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' "
            + "FROM generate_series(1, $1::bigint) AS g",
            connection, transaction))
        {
            fill.Parameters.Add(new NpgsqlParameter<long> { TypedValue = rows });
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var analyze = new NpgsqlCommand($"ANALYZE {Table}", connection, transaction))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Both stores' answers and timings (each query run <see cref="PgDuckDbComparison.Runs"/> times).</summary>
internal sealed record ComparisonResult(
    int Rows,
    long RegisteredRows,
    List<ComparisonRow> Postgres,
    double[] PostgresMs,
    List<ComparisonRow> DuckDb,
    double[] DuckDbMs,
    double TransferMs,
    bool ResultsEqual);
