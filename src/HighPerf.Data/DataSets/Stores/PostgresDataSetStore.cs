using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Sql;
using HighPerf.Data.DuckDb;
using Npgsql;

namespace HighPerf.Data.DataSets.Stores;

/// <summary>
/// Data sets in PostgreSQL: tables and the catalog there, rows in and out through <see cref="PostgresArrowClient"/>'s
/// binary COPY (so no row ever becomes an object), small results through Npgsql commands with positional parameters.
/// The embedded DuckDB database only writes Parquet: PostgreSQL has no Parquet writer of its own.
/// </summary>
internal sealed partial class PostgresDataSetStore(PostgresArrowClient client, DuckDbDatabase exporter) : DataSetStore
{
    private readonly PostgresArrowClient _client = client;
    private readonly DuckDbDatabase _exporter = exporter;

    internal override string Name => "postgres";

    internal override SqlDialect Dialect => SqlDialect.Postgres;

    internal override async Task<List<string>> ReadCatalogAsync(CancellationToken cancellationToken)
    {
        var connection = await _client.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var create = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {CatalogTable} (name text PRIMARY KEY, definition text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            connection);
        await using (create.ConfigureAwait(false))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var select = new NpgsqlCommand($"SELECT definition FROM {CatalogTable}", connection);
        await using var disposeSelect = select.ConfigureAwait(false);
        var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var definitions = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            definitions.Add(reader.GetString(0));
        }

        return definitions;
    }

    internal override async Task CreateAsync(DataSetDefinition definition, string definitionJson, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _client.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);

            // PostgreSQL's DDL is transactional: the catalog row and the table are created together or not at all.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeTransaction = transaction.ConfigureAwait(false);
            var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand($"INSERT INTO {CatalogTable} (name, definition) VALUES ($1, $2)")
                    {
                        Parameters = { new NpgsqlParameter<string> { TypedValue = definition.Name }, new NpgsqlParameter<string> { TypedValue = definitionJson } },
                    },
                    new NpgsqlBatchCommand(DataSetSql.CreateTable(definition, Dialect)),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            throw new DataSetDuplicateRecordException($"A data set named '{definition.Name}' exists.", innerException: ex);
        }
    }

    internal override IAsyncEnumerable<RecordBatch> ReadAsync(string sql, IReadOnlyList<SqlValue> parameters, CancellationToken cancellationToken) =>
        _client.ReadAsync(sql, parameters.Count == 0 ? null : PostgresBinding.Parameters(parameters), 0, cancellationToken);

    internal override async Task<List<T>> QueryRowsAsync<T>(string sql, IReadOnlyList<SqlValue> parameters, IRowMapper<T> mapper, CancellationToken cancellationToken)
    {
        var connection = await _client.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);

        // Timestamps rendered as text (the analyses' min and max) in UTC, as DuckDB renders them; the pool resets the setting.
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand("SET TIME ZONE 'UTC'"), new NpgsqlBatchCommand(sql) },
        };
        foreach (var parameter in PostgresBinding.Parameters(parameters))
        {
            batch.BatchCommands[1].Parameters.Add(parameter);
        }

        await using var disposeBatch = batch.ConfigureAwait(false);
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(mapper.Map(new NpgsqlSqlRow(reader)));
        }

        return rows;
    }

    /// <summary>
    /// The rows read from PostgreSQL as Arrow, registered in DuckDB and written by its <c>COPY ... TO</c>. The
    /// registration holds the data set in native memory for the export's length.
    /// </summary>
    internal override async Task<long> ExportParquetAsync(DataSetDefinition definition, string query, string path, ParquetCompression compression, CancellationToken cancellationToken)
    {
        var stage = "highperf_export_" + Guid.NewGuid().ToString("N");
        using var connection = await _exporter.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var rows = await _client.RegisterInDuckDbAsync(connection, stage, query, cancellationToken).ConfigureAwait(false);
        return connection.ExportParquet($"SELECT * FROM {ArrowTables.FunctionName}('{stage}')", path, compression, cancellationToken);
    }

    internal override bool IsStoreFailure(Exception exception, out bool transient)
    {
        switch (exception)
        {
            case PostgresArrowException arrow:
                transient = arrow.IsTransient;
                return true;
            case NpgsqlException npgsql:
                transient = npgsql.IsTransient;
                return true;
            case DuckDbException duck:
                transient = duck.IsTransient;
                return true;
            default:
                transient = false;
                return false;
        }
    }
}
