using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow;
using HighPerf.Data.DataSets.Sql;

namespace HighPerf.Data.DataSets.Stores;

/// <summary>Data sets in the embedded DuckDB database: tables and the catalog in it, statements prepared and bound, rows read as Arrow chunk by chunk.</summary>
internal sealed partial class DuckDbDataSetStore(DuckDbDatabase database) : DataSetStore
{
    private readonly DuckDbDatabase _database = database;

    internal override string Name => "duckdb";

    internal override SqlDialect Dialect => SqlDialect.DuckDb;

    internal override async Task<List<string>> ReadCatalogAsync(CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.Execute(
            $"CREATE TABLE IF NOT EXISTS {CatalogTable} (name VARCHAR PRIMARY KEY, definition VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)",
            cancellationToken);
        return connection.QueryRows($"SELECT definition FROM {CatalogTable}", static row => row.Get<string>(0)!, cancellationToken);
    }

    internal override async Task CreateAsync(DataSetDefinition definition, string definitionJson, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            connection.Execute("BEGIN TRANSACTION", cancellationToken);
            try
            {
                using (var insert = connection.Prepare($"INSERT INTO {CatalogTable} (name, definition) VALUES ($1, $2)"))
                {
                    insert.Bind(1, definition.Name).Bind(2, definitionJson);
                    insert.Execute(cancellationToken);
                }

                connection.Execute(DataSetSql.CreateTable(definition, Dialect), cancellationToken);
                connection.Execute("COMMIT", cancellationToken);
            }
            catch
            {
                TryRollback(connection);
                throw;
            }
        }
        catch (DuckDbException ex) when (ex.Kind is DuckDbErrorKind.Constraint or DuckDbErrorKind.Binding)
        {
            throw new DataSetDuplicateRecordException($"A data set named '{definition.Name}' exists.", innerException: ex);
        }
    }

    internal override async IAsyncEnumerable<RecordBatch> ReadAsync(string sql, IReadOnlyList<SqlValue> parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var statement = connection.Prepare(sql);
        DuckDbBinding.BindAll(statement, parameters);
        using var result = statement.Query(cancellationToken);
        while (result.ReadArrowBatch() is { } batch)
        {
            yield return batch;
        }
    }

    internal override async Task<List<T>> QueryRowsAsync<T>(string sql, IReadOnlyList<SqlValue> parameters, IRowMapper<T> mapper, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var statement = connection.Prepare(sql);
        DuckDbBinding.BindAll(statement, parameters);
        return statement.QueryRows(row => mapper.Map(new DuckDbSqlRow(row)), cancellationToken);
    }

    internal override async Task<long> ExportParquetAsync(DataSetDefinition definition, string query, string path, ParquetCompression compression, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return connection.ExportParquet(query, path, compression, cancellationToken);
    }

    internal override bool IsStoreFailure(Exception exception, out bool transient)
    {
        transient = exception is DuckDbException { IsTransient: true };
        return exception is DuckDbException;
    }

    private static void TryRollback(DuckDbConnection connection)
    {
        try
        {
            connection.Execute("ROLLBACK");
        }
        catch (DuckDbException)
        {
            // DuckDB rolls an aborted transaction back by itself; nothing is left to undo.
        }
    }
}
